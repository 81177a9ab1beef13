import { describe, expect, it } from 'vitest';
import { parseAnchorList } from '../src/app/anchor-list';
import { demoDatasetOf } from '../src/app/demo-dataset';
import type { AnchorSet } from '../src/core/data/types';
import { DEMO_TASKS } from '../src/core/demo/tasks';

describe('the demo mode’s anchor list', () => {
  it('reads a comma list, uneven and in any order', () => {
    expect(parseAnchorList(' 0.5, 0.05,0.2 ,')).toEqual({ lambdas: [0.5, 0.05, 0.2] });
  });
  it('names an entry that is not a number, and asks for two anchors', () => {
    expect(parseAnchorList('0.1, x')).toEqual({ error: '"x" is not a number' });
    expect(parseAnchorList('0.1')).toEqual({ error: 'list at least two anchors, separated by commas' });
    expect(parseAnchorList('')).toEqual({ error: 'list at least two anchors, separated by commas' });
  });
  it('an empty entry between two commas is a number left out, not skipped', () => {
    expect(parseAnchorList('0.1,,0.5')).toEqual({ error: 'an entry between two commas is empty: type a number there or remove the extra comma' });
    expect(parseAnchorList('0.1, 0.5,')).toEqual({ lambdas: [0.1, 0.5] });
  });
});

describe('which demo task a dataset came from', () => {
  const tasks = Object.values(DEMO_TASKS);
  const set = (source: string, dimY = 1): AnchorSet => ({ source, dimY, condition: { kind: 'continuous', dim: 1 }, anchors: [] });

  it('reads the task and seed from the name generateDemoAnchors gives', () => {
    const which = demoDatasetOf(set('demo:quantile (seed 3)'), tasks);
    expect(which?.task.id).toBe('quantile');
    expect(which?.seed).toBe(3);
  });
  it('is null for other data, an unknown task or a shape the task does not have', () => {
    expect(demoDatasetOf(set('semicircles'), tasks)).toBeNull();
    expect(demoDatasetOf(set('demo:other (seed 0)'), tasks)).toBeNull();
    expect(demoDatasetOf(set('demo:quantile (seed 0)', 2), tasks)).toBeNull();
    expect(demoDatasetOf(null, tasks)).toBeNull();
  });
});

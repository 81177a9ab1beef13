import { describe, expect, it } from 'vitest';
import { parseAnchorList } from '../src/app/anchor-list';
import { demoDatasetOf } from '../src/app/demo-dataset';
import type { AnchorSet } from '../src/core/data/types';
import { generateDemoAnchors } from '../src/core/demo/generate';
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
  it('reads decimal numbers only: "0x10" is not 16', () => {
    expect(parseAnchorList('0x10, 0.5')).toEqual({ error: '"0x10" is not a number' });
    expect(parseAnchorList('1e-3, .5, +2')).toEqual({ lambdas: [0.001, 0.5, 2] });
  });
  it("with the task, names a λ outside its range or listed twice, as the networks' training would", () => {
    const task = DEMO_TASKS.quantile;
    expect(parseAnchorList('1.5, 0.5', task)).toEqual({ error: `λ = 1.5 is outside the quantile task's range [${task.range[0]}, ${task.range[1]}] (${task.lambdaName})` });
    expect(parseAnchorList('0.3, 0.3, 0.5', task)).toEqual({ error: 'λ = 0.3 is listed twice' });
    expect(parseAnchorList('0.3, 0.5', task)).toEqual({ lambdas: [0.3, 0.5] });
  });
  it('the networks\' training checks the list again, before training any (the worker and the CLI get the same message)', async () => {
    await expect(generateDemoAnchors(DEMO_TASKS.quantile, [0.3, 0.3, 0.5])).rejects.toThrow('λ = 0.3 is listed twice');
    await expect(generateDemoAnchors(DEMO_TASKS.quantile, [0.5, 2])).rejects.toThrow("λ = 2 is outside the quantile task's range");
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

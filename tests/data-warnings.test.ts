import { describe, expect, it } from 'vitest';
import { dataWarnings } from '../src/core/data/warnings';
import type { AnchorSet } from '../src/core/data/types';
import { Rng } from '../src/core/random';

/** Anchors of n rows each (or `counts`), 2-D, the second column scaled by `yScale`. */
function set(lambdas: number[], counts: number[], yScale = 1, kind: 'none' | 'continuous' = 'none'): AnchorSet {
  const rng = new Rng(3);
  const anchors = lambdas.map((lambda, k) => {
    const n = counts[k];
    const y = Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 ? yScale : 1) * rng.normal());
    return { lambda, n, y, ...(kind === 'continuous' ? { c: Float32Array.from({ length: n }, (_, i) => i) } : {}) };
  });
  return { source: 'w.csv', dimY: 2, condition: kind === 'continuous' ? { kind, dim: 1 } : { kind }, anchors };
}

describe('warnings about valid data', () => {
  it('says nothing about ordinary data', () => {
    expect(dataWarnings(set([0, 1, 3], [200, 200, 200]))).toEqual([]);
    // Columns 100× apart are still one scale's business.
    expect(dataWarnings(set([0, 1], [200, 200], 100))).toEqual([]);
    // One row per input of a continuous condition is a design, not a mistake.
    expect(dataWarnings(set([0, 1], [200, 1], 1, 'continuous'))).toEqual([]);
  });

  it('names anchors a hair apart, as float round-off writes one setting twice', () => {
    const w = dataWarnings(set([0, 0.1, 0.1000000001, 1], [50, 50, 50, 50]));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^anchors λ = 0\.1 and 0\.1000000001 are 1\.0e-10 apart, 1\.0e-10 of the range: if they are one setting, write λ the same way in both$/);
  });

  it('names an anchor of a handful of rows beside large ones', () => {
    expect(dataWarnings(set([0, 1, 3], [200, 200, 1]))).toEqual(['the anchor at λ = 3 has 1 row (the largest has 200): near it every sample sits on that row']);
    expect(dataWarnings(set([0, 1], [40, 5]))).toEqual([]);
  });

  it('names output columns on scales orders of magnitude apart', () => {
    const w = dataWarnings(set([0, 1], [200, 200], 1e-4));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^y1 spreads 0\.0001 times as far as y0: all outputs share one scale/);
  });
});

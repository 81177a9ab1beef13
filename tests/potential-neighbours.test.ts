import { describe, expect, it } from 'vitest';
import { DensityPotential } from '../src/core/geometry/potential';
import { Rng } from '../src/core/random';

/** A pool like a policy's data: 3 anchors × 10 samples for each of 4 states (condition values), anchor by anchor. */
function policyPool() {
  const states = [0, 1, 2, 3];
  const y: number[] = [];
  const c: number[] = [];
  const anchorOf: number[] = [];
  for (let a = 0; a < 3; a++) {
    for (const s of states) {
      for (let j = 0; j < 10; j++) {
        y.push(a + 0.01 * j);
        c.push(s);
        anchorOf.push(a);
      }
    }
  }
  return { pool: { dim: 1, y: Float32Array.from(y), numClasses: 0, c: Float32Array.from(c), condDim: 1 }, anchorOf };
}

describe('truncated Nadaraya–Watson neighbours', () => {
  it('breaks ties fairly: with more tied rows than k, every anchor still enters p̂', () => {
    const { pool, anchorOf } = policyPool();
    const pot = new DensityPotential(pool, 0.1, 1, { grid: 0, maxPool: 512, neighbours: 16 }, new Rng(1));
    const { idx, k } = pot.neighboursFor(Float32Array.of(2), 1);
    const anchors = new Set(Array.from(idx.subarray(0, k), (i) => anchorOf[i]));
    // In pool order the 16 nearest (distance 0: state 2's 30 rows) would all come from anchors 0 and 1.
    expect([...anchors].sort()).toEqual([0, 1, 2]);
    expect(Array.from(idx.subarray(0, k), (i) => pool.c[i]).every((s) => s === 2)).toBe(true);
    pot.dispose();
  });

  it('gives rows with the same condition the same neighbours and weights (computed once)', () => {
    const { pool } = policyPool();
    const pot = new DensityPotential(pool, 0.1, 1, { grid: 0, maxPool: 512, neighbours: 16 }, new Rng(1));
    const many = pot.neighboursFor(Float32Array.of(1, 3, 1, 0.5), 4);
    const one = (v: number) => pot.neighboursFor(Float32Array.of(v), 1);
    for (const [b, v] of [[0, 1], [1, 3], [2, 1], [3, 0.5]] as const) {
      expect(Array.from(many.idx.subarray(b * 16, (b + 1) * 16))).toEqual(Array.from(one(v).idx));
      expect(Array.from(many.w.subarray(b * 16, (b + 1) * 16))).toEqual(Array.from(one(v).w));
    }
    pot.dispose();
  });
});

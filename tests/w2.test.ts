import { describe, expect, it } from 'vitest';
import { solveAssignment } from '../src/core/metrics/assignment';
import { w2SquaredExact } from '../src/core/metrics/w2';
import { Rng } from '../src/core/random';

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  let best = Infinity;
  const perm = Array.from({ length: n }, (_, i) => i);
  const rec = (k: number) => {
    if (k === n) {
      best = Math.min(best, perm.reduce((s, j, i) => s + cost[i][j], 0));
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      rec(k + 1);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  rec(0);
  return best;
}

describe('exact assignment and W2', () => {
  it('finds the optimal assignment (brute force on small cases)', () => {
    const rng = new Rng(1);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + (trial % 6);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.next() * 10));
      const match = solveAssignment(Float64Array.from(cost.flat()), n);
      expect(new Set(match).size).toBe(n);
      expect(match.reduce((s, j, i) => s + cost[i][j], 0)).toBeCloseTo(bruteForce(cost), 9);
    }
  });

  it('is zero for a permutation of the same points', () => {
    const rng = new Rng(2);
    const a = Array.from({ length: 200 }, () => rng.normal());
    const perm = rng.permutation(100);
    const b = Array.from(perm).flatMap((i) => [a[2 * i], a[2 * i + 1]]);
    expect(w2SquaredExact(a, b, 2)).toBeCloseTo(0, 10);
  });

  it('equals the shift for translated clouds', () => {
    const rng = new Rng(3);
    const a = Array.from({ length: 300 }, () => rng.normal());
    const b = a.map((v, i) => v + (i % 3 === 0 ? 0.3 : i % 3 === 1 ? -0.4 : 0));
    expect(Math.sqrt(w2SquaredExact(a, b, 3))).toBeCloseTo(0.5, 6);
  });

  it('refuses sets of different sizes', () => {
    expect(() => w2SquaredExact([1, 2], [1], 1)).toThrow(/equal-size/);
  });
});

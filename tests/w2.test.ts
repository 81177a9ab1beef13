import { describe, expect, it } from 'vitest';
import { solveAssignment } from '../src/core/metrics/assignment';
import { solveHungarian } from './reference/hungarian';
import { meanSquaredError, w2Squared, w2SquaredExact } from '../src/core/metrics/w2';
import { sinkhornDivergence } from '../src/core/metrics/sinkhorn';
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

  it('finds the optimal assignment where costs tie (brute force on small integer costs)', () => {
    const rng = new Rng(4);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + (trial % 7);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(3)));
      const match = solveAssignment(Float64Array.from(cost.flat()), n);
      expect(new Set(match).size).toBe(n);
      expect(match.reduce((s, j, i) => s + cost[i][j], 0)).toBe(bruteForce(cost));
    }
  });

  it.each(['two clouds', 'two arcs', 'integer ties'] as const)('matches the textbook Hungarian loop on 300 × 300 costs (%s)', (kind) => {
    const rng = new Rng(6);
    const n = 300;
    const point = (shift: number) => {
      if (kind === 'two arcs') {
        const t = Math.PI * rng.next() + shift;
        return [Math.cos(t) + 0.05 * rng.normal(), Math.sin(t) + 0.05 * rng.normal()];
      }
      return [rng.normal() + shift, rng.normal()];
    };
    const a = Array.from({ length: n }, () => point(0));
    const b = Array.from({ length: n }, () => point(1));
    const cost = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cost[i * n + j] = kind === 'integer ties' ? rng.int(20) : (a[i][0] - b[j][0]) ** 2 + (a[i][1] - b[j][1]) ** 2;
    const total = (m: Int32Array) => m.reduce((s, j, i) => s + cost[i * n + j], 0);
    const match = solveAssignment(cost, n);
    expect(new Set(match).size).toBe(n);
    expect(total(match)).toBeCloseTo(total(solveHungarian(cost, n)), 9);
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

describe('Sinkhorn divergence and the W2 dispatcher', () => {
  const rng = new Rng(11);
  const a = Array.from({ length: 2 * 40 }, () => rng.normal());
  const b = Array.from({ length: 2 * 40 }, () => 0.6 * rng.normal() + 0.4);

  it('is zero for a permutation of the same points and the squared shift for translated clouds', () => {
    const perm = rng.permutation(40);
    const p = Array.from(perm).flatMap((i) => [a[2 * i], a[2 * i + 1]]);
    expect(sinkhornDivergence(a, p, 2).value).toBeLessThan(1e-6);
    const shifted = a.map((v, i) => v + (i % 2 === 0 ? 0.3 : -0.4));
    expect(sinkhornDivergence(a, shifted, 2).value).toBeCloseTo(0.25, 3);
  });

  it('converges to the exact squared W2 as ε → 0', () => {
    const exact = w2SquaredExact(a, b, 2);
    const errors = [1, 0.1, 0.01, 0.001].map((eps) => {
      const r = sinkhornDivergence(a, b, 2, { epsilon: eps, maxIterations: 5000 });
      expect(r.converged).toBe(true);
      return Math.abs(r.value - exact);
    });
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1]);
    expect(errors[3] / exact).toBeLessThan(0.005);
  });

  it('uses the exact assignment for equal sizes and Sinkhorn otherwise, and says which', () => {
    expect(w2Squared(a, b, 2).method).toBe('exact');
    const r = w2Squared(a, b.slice(0, 60), 2);
    expect(r.method).toMatch(/^Sinkhorn \(debiased/);
    expect(r.w2sq).toBeGreaterThan(0);
  });

  it('computes the mean squared error of paired arrays', () => {
    expect(meanSquaredError([1, 2, 3, 4], [1, 2, 5, 2])).toBe(2);
    expect(() => meanSquaredError([1], [1, 2])).toThrow(/same length/);
  });
});

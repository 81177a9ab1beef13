import { HtiError } from '../errors';
import { solveAssignment } from './assignment';
import { squaredDistances } from './cost';
import { sinkhornDivergence } from './sinkhorn';

/** Largest equal-size point sets for which the exact assignment is used (O(n³)). */
export const EXACT_W2_MAX = 4000;

/**
 * Squared 2-Wasserstein distance between two equal-size empirical measures
 * (uniform weights) in D dims, exact: the optimal coupling of equal-size
 * uniform measures is a permutation, found by the assignment solver.
 */
export function w2SquaredExact(a: ArrayLike<number>, b: ArrayLike<number>, D: number): number {
  const n = a.length / D;
  if (b.length / D !== n) throw new HtiError(`exact W2 needs equal-size point sets (got ${n} and ${b.length / D})`);
  if (n === 0) throw new HtiError('W2 of empty point sets is undefined');
  if (n > EXACT_W2_MAX) throw new HtiError(`exact W2 is limited to ${EXACT_W2_MAX} points per set (got ${n})`);
  const cost = squaredDistances(a, b, D);
  const match = solveAssignment(cost, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += cost[i * n + match[i]];
  return total / n;
}

export interface W2Estimate {
  /** Squared W2. */
  w2sq: number;
  /** How it was computed, for the output. */
  method: string;
}

/**
 * Squared W2 between two point clouds: exact (assignment) when they have the
 * same size and at most EXACT_W2_MAX points, else the debiased Sinkhorn
 * divergence (entropic, which approaches W2² as ε → 0).
 */
export function w2Squared(a: ArrayLike<number>, b: ArrayLike<number>, D: number): W2Estimate {
  const n = a.length / D;
  const m = b.length / D;
  if (n === m && n <= EXACT_W2_MAX) return { w2sq: w2SquaredExact(a, b, D), method: 'exact' };
  const r = sinkhornDivergence(a, b, D);
  return { w2sq: r.value, method: `Sinkhorn (debiased, ε = ${r.epsilon.toPrecision(2)})` };
}

/** Mean squared error over all entries of two paired arrays. */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new HtiError(`MSE needs two non-empty arrays of the same length (got ${a.length} and ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

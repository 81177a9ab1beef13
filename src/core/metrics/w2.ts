import { HtiError } from '../errors';
import { solveAssignment } from './assignment';

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
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) {
        const t = a[i * D + d] - b[j * D + d];
        s += t * t;
      }
      cost[i * n + j] = s;
    }
  }
  const match = solveAssignment(cost, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += cost[i * n + match[i]];
  return total / n;
}

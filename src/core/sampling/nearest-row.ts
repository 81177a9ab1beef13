import type { Rows } from './types';

/**
 * The row of `pool` nearest to query row i placed at `at` (its outputs, [n × D], standardised): of
 * the same class, then by condition where conditions are continuous (C > 0), then, among rows of
 * the nearest condition, by output. −1 where the pool has no row of its class.
 */
export function nearestRow(pool: Rows, query: Rows, i: number, at: Float32Array, D: number, C: number): number {
  let best = -1;
  let bestC = Infinity;
  let bestY = Infinity;
  for (let j = 0; j < pool.n; j++) {
    if (query.label && pool.label && query.label[i] !== pool.label[j]) continue;
    let distC = 0;
    if (C) for (let d = 0; d < C; d++) distC += (query.c![i * C + d] - pool.c![j * C + d]) ** 2;
    if (distC > bestC) continue;
    let distY = 0;
    for (let d = 0; d < D; d++) distY += (at[i * D + d] - pool.y[j * D + d]) ** 2;
    if (distC < bestC || distY < bestY) [best, bestC, bestY] = [j, distC, distY];
  }
  return best;
}

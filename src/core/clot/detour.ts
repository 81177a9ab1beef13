/**
 * The detour charge of the Lagrangian recoupling (coupling.ts).
 *
 * ½L² alone lets the exact coupling pair a row with a partner across a
 * hole in the data: on overlapping arcs of a circle, the squared chord is
 * concave beyond a quarter turn, so the cheapest permutation leaves the
 * overlap in place and sends the opposite tails straight through the
 * empty middle (semicircles: about 3 % of rows, each far off its arc
 * midway). Each pair is therefore also charged for how far its path runs
 * off the data (Σ |Δ|·α·depth, `lengthAndOffData` in geometry/energy.ts), but only
 * for the part above the Tukey fence (Q3 + 1.5·IQR) of the off-data
 * distances of the interval's current pairs. A gap that every pair must
 * cross (a cloud moved clear of itself) sits inside the fence and leaves
 * the coupling as it was; a pair that runs off the data far more than the
 * interval's pairs normally do pays for it.
 */

import { quantileSorted } from '../metrics/quantile';

/** Q3 + 1.5·(Q3 − Q1) of xs (0 for none): above it a value is an outlier. */
export function tukeyFence(xs: ArrayLike<number>): number {
  const sorted = Float64Array.from(xs).sort();
  if (sorted.length === 0) return 0;
  const q = (f: number) => quantileSorted(sorted, f);
  return q(0.75) + 1.5 * (q(0.75) - q(0.25));
}

/**
 * The recoupling's cost matrix: half[p] + perLength · max(0, off[p] − fence).
 * `half` holds ½L², `off` the off-data distance of every pair (m × m);
 * `fence` comes from the current pairs' off-data distances; `perLength`
 * converts distance off the data into cost units.
 */
export function chargedCost(half: Float64Array, off: Float64Array, fence: number, perLength: number): Float64Array {
  return half.map((h, p) => h + perLength * Math.max(0, off[p] - fence));
}

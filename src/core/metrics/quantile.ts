/** The f-quantile of ascending values, interpolated linearly between neighbours (f = 0.5: the median). */
export function quantileSorted(sorted: ArrayLike<number>, f: number): number {
  const x = f * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}

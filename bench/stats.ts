/** Mean and half-width of the 95 % confidence interval (Student t) of a sample. */
export function meanCi(xs: number[]): { mean: number; ci: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, ci: NaN };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const t = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228][n - 1] ?? 1.96;
  return { mean, ci: (t * sd) / Math.sqrt(n) };
}

export function fmtCi(xs: number[], digits = 3): string {
  const { mean, ci } = meanCi(xs);
  return Number.isFinite(ci) ? `${mean.toFixed(digits)} ± ${ci.toFixed(digits)}` : mean.toFixed(digits);
}

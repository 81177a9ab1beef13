import type { Rng } from '../random';
import { w2Squared } from './w2';

/**
 * The spread of a point set: the square root of the trace of its sample
 * covariance (n − 1 in the denominator), i.e. the RMS distance to the mean
 * up to that correction. 0 for fewer than two rows.
 */
export function spread(y: Float32Array, D: number): number {
  const n = y.length / D;
  if (n < 2) return 0;
  const mean = columnMeans(y, D);
  let total = 0;
  for (let d = 0; d < D; d++) for (let i = 0; i < n; i++) total += (y[i * D + d] - mean[d]) ** 2;
  return Math.sqrt(total / (n - 1));
}

/** The mean of each of the D columns of a row-major n × D point set. */
export function columnMeans(y: Float32Array, D: number): number[] {
  const n = y.length / D;
  const mean = new Array<number>(D).fill(0);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d] += y[i * D + d];
  return mean.map((t) => t / n);
}

/** spread(a) / spread(b); NaN when b has no spread (fewer than two rows, or identical rows). */
export function spreadRatio(a: Float32Array, b: Float32Array, D: number): number {
  const s = spread(b, D);
  return s > 0 ? spread(a, D) / s : NaN;
}

/** The mean of the values that are not NaN; NaN when there are none. */
export function meanOfDefined(xs: number[]): number {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? ok.reduce((t, x) => t + x, 0) / ok.length : NaN;
}

/**
 * The sampling floor of a point set: W2 (not squared) between two disjoint,
 * equally sized random halves of its rows (an odd count leaves one row out).
 * It is how far apart two finite samples of the same distribution lie, so a
 * surrogate's W2 to these rows is only meaningful relative to it. A set of
 * fewer than two rows has no two halves and gets 0.
 */
export function samplingFloor(y: Float32Array, D: number, rng: Rng): number {
  if (Math.floor(y.length / D / 2) === 0) return 0;
  const [a, b] = randomHalves(y, D, rng);
  // The Sinkhorn estimate (above the exact-assignment size) can dip just below 0.
  return Math.sqrt(Math.max(0, w2Squared(a, b, D).w2sq));
}

/**
 * Two disjoint, equally sized random halves of a point set's rows (an odd count leaves one row
 * out): two samples of the same distribution, for measuring what sampling alone does.
 */
export function randomHalves(y: Float32Array, D: number, rng: Rng): [Float32Array, Float32Array] {
  const n = y.length / D;
  const half = Math.floor(n / 2);
  const order = rng.permutation(n);
  const a = new Float32Array(half * D);
  const b = new Float32Array(half * D);
  for (let j = 0; j < half; j++) {
    a.set(y.subarray(order[j] * D, (order[j] + 1) * D), j * D);
    b.set(y.subarray(order[half + j] * D, (order[half + j] + 1) * D), j * D);
  }
  return [a, b];
}

import type { Rng } from '../random';

/**
 * The fixed inputs the demo tasks train on and probe with. Training data
 * come from each task's own data seed, so every network of a task (any λ,
 * any seed) sees the same data: a seed changes only the network's
 * initialisation and noise.
 */

/** `n` evenly spaced values from `lo` to `hi` inclusive. */
export function evenlySpaced(lo: number, hi: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** The points of an nx × ny grid over [x0, x1] × [y0, y1], row-major (x varies fastest), as n × 2. */
export function grid2d([x0, x1]: [number, number], [y0, y1]: [number, number], nx: number, ny: number): Float32Array {
  const xs = evenlySpaced(x0, x1, nx);
  const ys = evenlySpaced(y0, y1, ny);
  const out = new Float32Array(nx * ny * 2);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      out[2 * (j * nx + i)] = xs[i];
      out[2 * (j * nx + i) + 1] = ys[j];
    }
  }
  return out;
}

/**
 * Two interleaving half-moons (the upper one centred at (0, 0), the lower
 * one at (1, 0.5)), `n` points alternating between them, with Gaussian
 * noise of standard deviation `noise` on both coordinates. Points n × 2 and
 * labels (0 upper, 1 lower).
 */
export function twoMoons(n: number, noise: number, rng: Rng): { points: Float32Array; labels: Float32Array } {
  const points = new Float32Array(2 * n);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const lower = i % 2;
    const t = Math.PI * rng.next();
    points[2 * i] = (lower ? 1 - Math.cos(t) : Math.cos(t)) + noise * rng.normal();
    points[2 * i + 1] = (lower ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * rng.normal();
    labels[i] = lower;
  }
  return { points, labels };
}

/** `count` standard normal values. */
export function normals(count: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: count }, () => rng.normal());
}

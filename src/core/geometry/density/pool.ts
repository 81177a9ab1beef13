import type * as tf from '@tensorflow/tfjs-core';

/** The pooled samples of all anchors, in standardised units. */
export interface PotentialPool {
  dim: number;
  /** P × D outputs. */
  y: Float32Array;
  /** P class indices, or undefined for no/continuous condition. */
  label?: Int32Array;
  numClasses: number;
  /** P × C standardised continuous conditions. */
  c?: Float32Array;
  condDim: number;
}

/**
 * Per-point context the density needs besides the point: its class, or for
 * continuous conditions its Nadaraya–Watson neighbours and weights.
 */
export interface DensityContext {
  labels?: tf.Tensor1D;
  nbIdx?: tf.Tensor2D;
  nbW?: tf.Tensor2D;
}

/**
 * 'kde': p̂ is the mean of the kernels (a density estimate, as published).
 * 'nearest': p̂ is the largest kernel, i.e. a function of the distance to
 * the nearest pooled sample: flat along the data's support and falling off
 * it, so paths are held on the data without being drawn into its densest
 * part (which squeezes a wide cluster into a line).
 */
export type PotentialKernel = 'kde' | 'nearest';

/** Added to p̂ before the log, so empty space has a finite (very low) log density. */
export const FLOOR = 1e-8;

/** What every density strategy shares: the pool, the output bandwidth and the kernel. */
export interface KernelSettings {
  pool: PotentialPool;
  bandwidth: number;
  kernel: PotentialKernel;
}

/** One of the potential's ways to evaluate log(p̂(q | x) + FLOOR) on tensors. */
export interface DensityStrategy {
  readonly mode: 'grid' | 'exact' | 'nw';
  /** log(p̂(q | x) + FLOOR) at points q [P, D]; differentiable in q. */
  logDensity(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D;
  /** log(max p̂ + FLOOR): the level the potential is measured from. */
  logPeak(): number;
  dispose(): void;
}

/** Normalising constant of a D-dimensional isotropic Gaussian kernel of width h. */
export function gaussianNorm(D: number, h: number): number {
  return (2 * Math.PI * h * h) ** (-D / 2);
}

/** Pool rows per class (one group for no or a continuous condition). */
export function classMembers(pool: PotentialPool): number[][] {
  const P = pool.y.length / pool.dim;
  const members: number[][] = Array.from({ length: Math.max(1, pool.numClasses) }, () => []);
  for (let i = 0; i < P; i++) members[pool.label ? pool.label[i] : 0].push(i);
  return members;
}

/** p̂ of one class at a point, in plain JS (setup and tests, not the hot path). */
export function kernelDensityAt(s: KernelSettings, point: ArrayLike<number>, members: number[]): number {
  const { pool, bandwidth: h } = s;
  const D = pool.dim;
  const inv = 1 / (2 * h * h);
  let sum = 0;
  let largest = 0;
  for (const i of members) {
    let d2 = 0;
    for (let d = 0; d < D; d++) {
      const t = point[d] - pool.y[i * D + d];
      d2 += t * t;
    }
    const k = Math.exp(-d2 * inv);
    sum += k;
    largest = Math.max(largest, k);
  }
  const norm = gaussianNorm(D, h);
  return s.kernel === 'nearest' ? largest * norm : (sum * norm) / members.length;
}

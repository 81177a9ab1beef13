import type { BaselineMethod } from '../sampling/types';

/**
 * A surrogate's outputs precomputed at a grid of λ (same start rows at every
 * point), so the UI can draw it at any slider value in plain arithmetic:
 * 'step' takes the nearest grid point (the nearest-anchor baseline),
 * 'linear' interpolates between neighbours (exact for McCann on an anchor
 * grid; an approximation between grid points for network baselines).
 */
export interface SampleTrack {
  method: BaselineMethod;
  lambdas: number[];
  y: Float32Array[];
  labels: Int32Array | null;
  /** The rows' conditions (n × C) for continuous conditions, else null: where each row is drawn across a one-output view. */
  conds: Float32Array | null;
  interpolation: 'linear' | 'step';
  /** Grid points per anchor interval (1 = anchors only). */
  perInterval: number;
}

export function sampleTrack(track: SampleTrack, lambda: number, out?: Float32Array): Float32Array {
  const g = track.lambdas;
  const l = Math.min(Math.max(lambda, g[0]), g[g.length - 1]);
  let j = 0;
  while (j < g.length - 2 && l > g[j + 1]) j++;
  const s = g[j + 1] === g[j] ? 0 : (l - g[j]) / (g[j + 1] - g[j]);
  const a = track.y[j];
  const b = track.y[j + 1];
  const q = out ?? new Float32Array(a.length);
  if (track.interpolation === 'step') q.set(s < 0.5 ? a : b);
  else for (let i = 0; i < a.length; i++) q[i] = (1 - s) * a[i] + s * b[i];
  return q;
}

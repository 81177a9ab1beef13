import type { AnchorSet } from '../data/types';
import type { Rows } from './types';

/**
 * Standardisation used inside the model. Outputs: centred and divided by one
 * common scale (so Euclidean geometry and the OT problem are unchanged up to
 * scale). Continuous conditions: per dimension.
 */
export interface Normalization {
  yMean: number[];
  yScale: number;
  cMean: number[];
  cStd: number[];
}

/** Each output column's mean over every anchor's rows, the sums of squared deviations from it, and the row count. */
export function outputColumnSums(set: AnchorSet): { mean: number[]; sq: Float64Array; n: number } {
  const D = set.dimY;
  const sum = new Float64Array(D);
  const sq = new Float64Array(D);
  let n = 0;
  for (const a of set.anchors) {
    for (let i = 0; i < a.n; i++) for (let d = 0; d < D; d++) sum[d] += a.y[i * D + d];
    n += a.n;
  }
  const mean = Array.from(sum, (s) => s / n);
  for (const a of set.anchors) for (let i = 0; i < a.n; i++) for (let d = 0; d < D; d++) sq[d] += (a.y[i * D + d] - mean[d]) ** 2;
  return { mean, sq, n };
}

export function fitNormalization(set: AnchorSet): Normalization {
  const D = set.dimY;
  const { mean: yMean, sq, n } = outputColumnSums(set);
  const meanVar = sq.reduce((x, v) => x + v, 0) / (n * D);
  const yScale = meanVar > 1e-20 ? Math.sqrt(meanVar) : 1;
  let cMean: number[] = [];
  let cStd: number[] = [];
  if (set.condition.kind === 'continuous') {
    const C = set.condition.dim;
    const cs = new Float64Array(C);
    const cq = new Float64Array(C);
    for (const a of set.anchors) for (let i = 0; i < a.n; i++) for (let d = 0; d < C; d++) cs[d] += a.c![i * C + d];
    cMean = Array.from(cs, (s) => s / n);
    for (const a of set.anchors) for (let i = 0; i < a.n; i++) for (let d = 0; d < C; d++) cq[d] += (a.c![i * C + d] - cMean[d]) ** 2;
    cStd = Array.from(cq, (s) => (s / n > 1e-20 ? Math.sqrt(s / n) : 1));
  }
  return { yMean, yScale, cMean, cStd };
}

export function normalizeY(y: Float32Array, D: number, norm: Normalization): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (y[i] - norm.yMean[i % D]) / norm.yScale;
  return out;
}

export function denormalizeY(y: Float32Array, D: number, norm: Normalization): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] * norm.yScale + norm.yMean[i % D];
  return out;
}

export function normalizeC(c: Float32Array, C: number, norm: Normalization): Float32Array {
  const out = new Float32Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = (c[i] - norm.cMean[i % C]) / norm.cStd[i % C];
  return out;
}

/** Every anchor in standardised units (outputs, and continuous conditions), labels as they are. */
export function standardizeAnchors(set: AnchorSet, norm: Normalization): Rows[] {
  const cond = set.condition;
  return set.anchors.map((a) => ({
    n: a.n,
    y: normalizeY(a.y, set.dimY, norm),
    label: a.label,
    c: a.c && cond.kind === 'continuous' ? normalizeC(a.c, cond.dim, norm) : undefined,
  }));
}

import { SplineBasis } from '../geometry/spline';

/** Points per path at which the time warp tabulates progress. */
export const WARP_POINTS = 33;

const matrices = new Map<number, Float32Array>();
function basisMatrix(nodes: number): Float32Array {
  let m = matrices.get(nodes);
  if (!m) matrices.set(nodes, (m = new SplineBasis(nodes).matrix(WARP_POINTS)));
  return m;
}

/** Each row's spline path from y to z (φ: n × nodes × D, or null for straight lines) at WARP_POINTS uniform parameters: n × W × D. */
export function pathPoints(y: Float32Array, z: Float32Array, phi: Float32Array | null, n: number, D: number, nodes: number): Float32Array {
  const W = WARP_POINTS;
  const B = basisMatrix(nodes);
  const out = new Float32Array(n * W * D);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < W; j++) {
      const u = j / (W - 1);
      for (let d = 0; d < D; d++) {
        let v = (1 - u) * y[i * D + d] + u * z[i * D + d];
        if (phi) {
          const base = i * nodes * D;
          for (let b = 0; b < nodes; b++) v += B[j * nodes + b] * phi[base + b * D + d];
        }
        out[(i * W + j) * D + d] = v;
      }
    }
  }
  return out;
}

/**
 * The time warp of each path, n × W: the fraction of its travel time spent
 * by each of the WARP_POINTS uniform parameters. Every stretch takes time in
 * proportion to its Euclidean length times `weights` at its start (n × W;
 * none = 1, i.e. constant speed). Reading the table backwards gives the
 * parameter a sample has reached at time fraction s.
 */
export function progressTable(points: Float32Array, n: number, D: number, weights?: Float32Array): Float32Array {
  const W = WARP_POINTS;
  const out = new Float32Array(n * W);
  for (let i = 0; i < n; i++) {
    let total = 0;
    out[i * W] = 0;
    for (let j = 1; j < W; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += (points[(i * W + j) * D + d] - points[(i * W + j - 1) * D + d]) ** 2;
      total += Math.sqrt(s) * (weights ? weights[i * W + j - 1] : 1);
      out[i * W + j] = total;
    }
    // Normalise to fractions; a path of zero length keeps the uniform parameter.
    for (let j = 0; j < W; j++) out[i * W + j] = total > 1e-12 ? out[i * W + j] / total : j / (W - 1);
  }
  return out;
}

/** The spline parameter row i has reached at time fraction s (linear between table points). */
export function warpedParameter(table: Float32Array, i: number, s: number): number {
  const W = WARP_POINTS;
  const base = i * W;
  if (s <= 0) return 0;
  if (s >= 1) return 1;
  let lo = 0;
  let hi = W - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (table[base + mid] < s) lo = mid;
    else hi = mid;
  }
  const a = table[base + lo];
  const b = table[base + hi];
  const f = b > a ? (s - a) / (b - a) : 0;
  return (lo + f) / (W - 1);
}

/** Time weights (p̂/p̂_max)^β from log density ratios, floored so a sample never stalls for good. */
export function lingerWeights(logRatio: Float32Array, beta: number): Float32Array {
  return logRatio.map((l) => Math.max(Math.exp(beta * l), 1e-2));
}

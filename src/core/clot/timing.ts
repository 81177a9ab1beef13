import { SplineBasis } from '../geometry/spline';

/** Points per path at which the constant-speed time warp tabulates arc length. */
export const WARP_POINTS = 33;

const matrices = new Map<number, Float32Array>();
function basisMatrix(nodes: number): Float32Array {
  let m = matrices.get(nodes);
  if (!m) matrices.set(nodes, (m = new SplineBasis(nodes).matrix(WARP_POINTS)));
  return m;
}

/**
 * Constant-speed timing (config.timing = 'constant-speed'): for each row's
 * spline path from y to z, the cumulative fraction of its Euclidean length at
 * WARP_POINTS uniform spline parameters u_j = j/(W−1), n × W. Reading the
 * table backwards gives the parameter u at which a sample has covered the
 * fraction s of its path, so every sample moves at its own constant speed.
 */
export function arcLengthTable(y: Float32Array, z: Float32Array, phi: Float32Array, n: number, D: number, nodes: number): Float32Array {
  const W = WARP_POINTS;
  const B = basisMatrix(nodes);
  const out = new Float32Array(n * W);
  const prev = new Float64Array(D);
  const cur = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < W; j++) {
      const u = j / (W - 1);
      for (let d = 0; d < D; d++) {
        let v = (1 - u) * y[i * D + d] + u * z[i * D + d];
        const base = i * nodes * D;
        for (let b = 0; b < nodes; b++) v += B[j * nodes + b] * phi[base + b * D + d];
        cur[d] = v;
      }
      if (j > 0) {
        let s = 0;
        for (let d = 0; d < D; d++) s += (cur[d] - prev[d]) ** 2;
        total += Math.sqrt(s);
      }
      out[i * W + j] = total;
      prev.set(cur);
    }
    // Normalise to fractions; a path of zero length keeps the uniform parameter.
    for (let j = 0; j < W; j++) out[i * W + j] = total > 1e-12 ? out[i * W + j] / total : j / (W - 1);
  }
  return out;
}

/** The spline parameter at which row i has covered the fraction s of its path (linear between table points). */
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

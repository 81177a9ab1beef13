import { SplineBasis } from '../geometry/spline';
import { locate } from './locate';
import { warpedParameter } from './timing';

/**
 * Everything needed to evaluate the surrogate at any λ without tfjs: the
 * pushed samples at every anchor and each interval's spline coefficients,
 * standardised. Plain typed arrays, so a worker can transfer it to the UI
 * thread, which then samples on every slider movement in plain arithmetic.
 */
export interface SamplerSnapshot {
  lambdas: number[];
  D: number;
  /** Interior spline nodes. */
  nodes: number;
  n: number;
  yMean: number[];
  yScale: number;
  /** K + 1 arrays of n × D: Y_0 (start rows), T_0(Y_0), … */
  chain: Float32Array[];
  /** K arrays of n × nodes × D, or null where paths are straight. */
  phis: (Float32Array | null)[];
  /**
   * Constant-speed timing: per interval, n × WARP_POINTS cumulative arc-length
   * fractions (timing.ts), or null where the spline parameter is used as is
   * (straight paths, which already move at constant speed, or 'uniform' timing).
   */
  warps?: (Float32Array | null)[];
}

const bases = new Map<number, SplineBasis>();
function basisFor(nodes: number): SplineBasis {
  let b = bases.get(nodes);
  if (!b) bases.set(nodes, (b = new SplineBasis(nodes)));
  return b;
}

/** Surrogate outputs at λ in data units (n × D), written into `out` when given. */
export function evaluateSnapshot(snap: SamplerSnapshot, lambda: number, out?: Float32Array): Float32Array {
  const { k, s } = locate(snap.lambdas, lambda);
  const { D, nodes, n, yMean, yScale } = snap;
  const y = snap.chain[k];
  const z = snap.chain[k + 1];
  const phi = snap.phis[k];
  const warp = phi ? snap.warps?.[k] : null;
  const basis = basisFor(nodes);
  const B = new Float64Array(nodes);
  basis.evalInto(s, B);
  const q = out ?? new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    // Each row's own spline parameter under constant-speed timing.
    const u = warp ? warpedParameter(warp, i, s) : s;
    if (warp) basis.evalInto(u, B);
    for (let d = 0; d < D; d++) {
      let v = (1 - u) * y[i * D + d] + u * z[i * D + d];
      if (phi) {
        // φ is laid out [nodes, D] per row.
        const base = i * nodes * D;
        for (let j = 0; j < nodes; j++) v += B[j] * phi[base + j * D + d];
      }
      q[i * D + d] = v * yScale + yMean[d];
    }
  }
  return q;
}

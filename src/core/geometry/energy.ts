import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../tfjs/dense';
import type { CondTensor } from '../nn/mlp';
import type { Metric } from './metric';
import type { DensityContext, DensityPotential } from './potential';
import { SplineBasis } from './spline';

/** Per-sample context, expanded once per batch to every path point. */
export interface BatchContext {
  B: number;
  cond: CondTensor;
  density: DensityContext;
  /** The same, repeated for each of the m − 1 path points used by the energy. */
  pointCond: CondTensor;
  pointDensity: DensityContext;
}

/**
 * Spline paths and their discrete energy
 *   E(q) = Σ_{i=0}^{m−2} [ sqrt(Δ_iᵀ G(q_i | x) Δ_i) − U(q_i | x) ],  c = ½ E²,
 * the form the published numbers used (the default and only form here).
 */
export class PathGeometry {
  readonly basis: SplineBasis;
  /** [n, m] basis matrix (transposed) at the m evaluation points. */
  readonly basisMatT: tf.Tensor2D;
  /** [m, 1] path fractions s_k. */
  private readonly sCol: tf.Tensor2D;

  constructor(
    readonly dim: number,
    readonly nodes: number,
    readonly points: number,
    readonly metric: Metric,
    readonly potential: DensityPotential | null,
    readonly alpha: number,
  ) {
    this.basis = new SplineBasis(nodes);
    this.basisMatT = tf.tidy(() => tf.tensor2d(this.basis.matrix(points), [points, nodes]).transpose());
    this.sCol = tf.tensor2d(Array.from({ length: points }, (_, k) => k / (points - 1)), [points, 1]);
  }

  /** Builds the per-point context for a batch of B samples; the caller disposes it with disposeContext. */
  context(B: number, cond: CondTensor, density: DensityContext): BatchContext {
    const reps = this.points - 1;
    const rep = tf.tensor1d(Int32Array.from({ length: B * reps }, (_, i) => Math.floor(i / reps)), 'int32');
    const expand = (t: tf.Tensor | undefined) => (t ? tf.gather(t, rep) : undefined);
    const pointDensity: DensityContext = {
      labels: expand(density.labels) as tf.Tensor1D | undefined,
      nbIdx: expand(density.nbIdx) as tf.Tensor2D | undefined,
      nbW: expand(density.nbW) as tf.Tensor2D | undefined,
    };
    const pointCond = cond ? tf.gather(cond, rep) : null;
    rep.dispose();
    return { B, cond, density, pointCond, pointDensity };
  }

  /** q(s_k) = (1 − s_k) y + s_k z + Σ_j φ_j B_j(s_k): [B, m, D] from y, z [B, D] and φ [B, n·D]. */
  path(y: tf.Tensor2D, z: tf.Tensor2D, phi: tf.Tensor2D | null): tf.Tensor3D {
    const [B, D] = y.shape;
    const m = this.points;
    const s = this.sCol.reshape([1, m, 1]);
    let q = tf.add(tf.mul(tf.sub(1, s), y.reshape([B, 1, D])), tf.mul(s, z.reshape([B, 1, D]))) as tf.Tensor3D;
    if (phi) {
      // [B·D, n] · [n, m] → [B, D, m] → [B, m, D]
      const phiT = phi.reshape([B, this.nodes, D]).transpose([0, 2, 1]).reshape([B * D, this.nodes]);
      const bend = dense(phiT as tf.Tensor2D, this.basisMatT).reshape([B, D, m]).transpose([0, 2, 1]);
      q = tf.add(q, bend) as tf.Tensor3D;
    }
    return q;
  }

  /** Discrete energy E [B] of paths q [B, m, D]. */
  energy(q: tf.Tensor3D, ctx: BatchContext): tf.Tensor1D {
    const { seg, pts } = this.segments(q, ctx);
    const u = this.potentialAt(pts, ctx, seg.shape);
    return tf.sum(u ? tf.sub(seg, u) : seg, 1) as tf.Tensor1D;
  }

  /** Kinetic length Σ sqrt(Δᵀ G Δ) [B] of paths q [B, m, D]: the energy without the potential. */
  length(q: tf.Tensor3D, ctx: BatchContext): tf.Tensor1D {
    return tf.sum(this.segments(q, ctx).seg, 1) as tf.Tensor1D;
  }

  /**
   * [2, B]: each path's kinetic length, and how far it runs off the data,
   * Σ |Δ_i|_G · α(−log p̂/p̂_max)(q_i) (0 without a potential). Unlike the
   * energy's per-point term, the second charges by distance travelled, so a
   * long path pays as much per unit of gap as a short one.
   */
  lengthAndOffData(q: tf.Tensor3D, ctx: BatchContext): tf.Tensor2D {
    const { seg, pts } = this.segments(q, ctx);
    const length = tf.sum(seg, 1);
    const u = this.potentialAt(pts, ctx, seg.shape);
    return tf.stack([length, u ? tf.neg(tf.sum(tf.mul(seg, u), 1)) : tf.zerosLike(length)]) as tf.Tensor2D;
  }

  /** U = α·log(p̂/p̂_max) at the segments' start points, shaped [B, m − 1]; null without a potential. */
  private potentialAt(pts: tf.Tensor2D, ctx: BatchContext, shape: [number, number]): tf.Tensor2D | null {
    if (!this.potential || !(this.alpha > 0)) return null;
    return tf.mul(this.alpha, this.potential.logRatio(pts, ctx.pointDensity)).reshape(shape) as tf.Tensor2D;
  }

  /** Kinetic length of each segment [B, m − 1] and the segments' start points [B·(m − 1), D]. */
  private segments(q: tf.Tensor3D, ctx: BatchContext): { seg: tf.Tensor2D; pts: tf.Tensor2D } {
    const [B, m, D] = q.shape;
    const P = B * (m - 1);
    const start = q.slice([0, 0, 0], [B, m - 1, D]);
    const delta = tf.sub(q.slice([0, 1, 0], [B, m - 1, D]), start).reshape([P, D]) as tf.Tensor2D;
    const pts = start.reshape([P, D]) as tf.Tensor2D;
    const quad = this.metric.quadForm(pts, ctx.pointCond, delta);
    return { seg: tf.sqrt(tf.add(quad, 1e-10)).reshape([B, m - 1]) as tf.Tensor2D, pts };
  }

  /** c = ½ E². */
  cost(q: tf.Tensor3D, ctx: BatchContext): tf.Tensor1D {
    return tf.mul(0.5, tf.square(this.energy(q, ctx)));
  }

  dispose(): void {
    this.basisMatT.dispose();
    this.sCol.dispose();
  }
}

export function disposeContext(ctx: BatchContext): void {
  for (const t of [ctx.pointCond, ctx.pointDensity.labels, ctx.pointDensity.nbIdx, ctx.pointDensity.nbW]) t?.dispose();
}

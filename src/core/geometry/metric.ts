import * as tf from '@tensorflow/tfjs';
import type { MetricKind } from '../config';
import { Mlp, type CondSpec, type CondTensor } from '../nn/mlp';
import type { Rng } from '../random';

/** Eigenvalue budget of the learned metric: e_i = E_MIN + (E_MAX − E_MIN)·softmax_i, so tr G is fixed. */
export const E_MIN = 0.1;
export const E_MAX = 1;
/** Eigenvalues of the fixed-eigenvalue (NLOT) metric, D = 2 only. */
export const FIXED_EIGS = [1, 0.1] as const;

/**
 * The kinetic metric G(q | x) = Rᵀ diag(e) R. R is a product of Givens
 * rotations, one per pair i < j, with (cos, sin) = (a, b)/‖(a, b)‖ from two
 * network outputs: the same rotation as angle atan2(b, a), without atan2's
 * gradient trouble. Quadratic forms are computed as Σ e_d (R Δ)_d² so no
 * D × D matrix is ever formed.
 */
export class Metric {
  readonly net: Mlp | null;
  readonly pairs: [number, number][] = [];

  constructor(readonly kind: MetricKind, readonly dim: number, hidden: number[], cond: CondSpec, rng: Rng) {
    if (kind === 'fixed' && dim !== 2) throw new Error('the fixed-eigenvalue metric is defined for D = 2 only');
    for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) this.pairs.push([i, j]);
    if (kind === 'euclidean') this.net = null;
    else {
      const out = kind === 'learned' ? dim + 2 * this.pairs.length : 2;
      this.net = new Mlp('metric', dim, hidden, out, cond, { activation: 'leaky', outScale: 0.5 }, rng);
    }
  }

  get variables(): tf.Variable[] {
    return this.net ? this.net.variables : [];
  }

  /** Eigenvalues [P, D] and rotation (cos, sin) per pair, each [P], at points q. */
  components(q: tf.Tensor2D, cond: CondTensor): { eig: tf.Tensor2D; rot: { c: tf.Tensor1D; s: tf.Tensor1D }[] } {
    const P = q.shape[0];
    if (!this.net) return { eig: tf.ones([P, this.dim]), rot: [] };
    const out = this.net.apply(q, cond);
    const rotStart = this.kind === 'learned' ? this.dim : 0;
    const eig =
      this.kind === 'learned'
        ? (tf.add(E_MIN, tf.mul(E_MAX - E_MIN, tf.softmax(out.slice([0, 0], [P, this.dim])))) as tf.Tensor2D)
        : (tf.tile(tf.tensor2d([FIXED_EIGS as unknown as number[]]), [P, 1]) as tf.Tensor2D);
    const rot = this.pairs.map((_, p) => {
      const a = out.slice([0, rotStart + 2 * p], [P, 1]).reshape([P]) as tf.Tensor1D;
      const b = out.slice([0, rotStart + 2 * p + 1], [P, 1]).reshape([P]) as tf.Tensor1D;
      const r = tf.sqrt(tf.add(tf.add(tf.square(a), tf.square(b)), 1e-8));
      return { c: tf.div(a, r) as tf.Tensor1D, s: tf.div(b, r) as tf.Tensor1D };
    });
    return { eig, rot };
  }

  /** Applies R to vectors v [P, D] given per-point rotations. */
  rotate(v: tf.Tensor2D, rot: { c: tf.Tensor1D; s: tf.Tensor1D }[]): tf.Tensor2D {
    if (rot.length === 0) return v;
    const P = v.shape[0];
    // Column slices rather than tf.unstack: unstack's gradient came out wrong here (checked by finite differences).
    const cols = Array.from({ length: this.dim }, (_, d) => v.slice([0, d], [P, 1]).reshape([P]) as tf.Tensor1D);
    this.pairs.forEach(([i, j], p) => {
      const { c, s } = rot[p];
      const vi = cols[i];
      const vj = cols[j];
      cols[i] = tf.sub(tf.mul(c, vi), tf.mul(s, vj));
      cols[j] = tf.add(tf.mul(s, vi), tf.mul(c, vj));
    });
    return tf.stack(cols, 1) as tf.Tensor2D;
  }

  /** Δᵀ G(q | x) Δ for each row, [P]. */
  quadForm(q: tf.Tensor2D, cond: CondTensor, delta: tf.Tensor2D): tf.Tensor1D {
    if (!this.net) return tf.sum(tf.square(delta), 1);
    const { eig, rot } = this.components(q, cond);
    return tf.sum(tf.mul(eig, tf.square(this.rotate(delta, rot))), 1);
  }

  /** Full matrices G [P, D, D] (for views and tests): G = Rᵀ diag(e) R. */
  matrices(q: tf.Tensor2D, cond: CondTensor): tf.Tensor3D {
    return tf.tidy(() => {
      const P = q.shape[0];
      const D = this.dim;
      if (!this.net) return tf.tile(tf.eye(D).expandDims(0), [P, 1, 1]) as tf.Tensor3D;
      const { eig, rot } = this.components(q, cond);
      // Columns of R: R e_k for each basis vector e_k.
      const cols = Array.from({ length: D }, (_, k) => this.rotate(tf.tile(tf.oneHot([k], D).toFloat(), [P, 1]) as tf.Tensor2D, rot));
      const R = tf.stack(cols, 2) as tf.Tensor3D; // [P, D(row), D(col)]
      const eR = tf.mul(eig.expandDims(2), R); // diag(e) R
      return tf.matMul(R, eR, true, false) as tf.Tensor3D; // Rᵀ diag(e) R
    });
  }
}

import * as tf from '@tensorflow/tfjs-core';
import type { MetricKind } from '../config';
import { dense } from '../tfjs/dense';
import { Mlp, type CondSpec, type CondTensor } from '../nn/mlp';
import type { Rng } from '../random';

/** Eigenvalue budget of the learned metric: e_i = E_MIN + (E_MAX − E_MIN)·softmax_i, so tr G is fixed. */
export const E_MIN = 0.1;
export const E_MAX = 1;
/** Eigenvalues of the fixed-eigenvalue (NLOT) metric, D = 2 only. */
const FIXED_EIGS = [1, 0.1] as const;

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
      // The metric starts the same at every point (equal eigenvalue logits; for the fixed metric, angle 0), so
      // initial geodesics are straight lines and bends come from what it learns (the rotations start random, which
      // matters only once the data have split the eigenvalues). A random start field bent
      // paths towards whatever directions it happened to make cheap: on an elongated cloud that turns while it
      // moves, a metric that hardly learned (lr 1e-4) still scored 1.4–1.9× straight lines.
      const constant: Record<number, number> = {};
      if (kind === 'learned') for (let d = 0; d < dim; d++) constant[d] = 0;
      else Object.assign(constant, { 0: 1, 1: 0 });
      this.net = new Mlp('metric', dim, hidden, out, cond, { activation: 'leaky', outScale: 0.5, constantOutputs: constant }, rng);
    }
  }

  get variables(): tf.Variable[] {
    return this.net ? this.net.variables : [];
  }

  /**
   * Constant selector matrices. Column slicing and (un)stacking are slow on
   * wasm at these sizes, so outputs are split and pairs rotated with small
   * matrix products and elementwise masks instead.
   */
  private consts?: {
    eig: tf.Tensor2D; // [O, D]: picks the eigenvalue logits
    a: tf.Tensor2D; // [O, pairs]: picks a of each pair
    b: tf.Tensor2D;
    mask: tf.Tensor2D[]; // [1, D]: 1 at i and j
    swap: tf.Tensor2D[]; // [D, D]: (v · swap)_i = v_j, (v · swap)_j = v_i, else 0
    sign: tf.Tensor2D[]; // [1, D]: −1 at i, +1 at j
    fixedEig: tf.Tensor2D; // [1, D]: the fixed metric's eigenvalues
  };

  private constants() {
    if (this.consts) return this.consts;
    // Usually first called inside a tf.tidy: keep the constants alive beyond it.
    const c = this.buildConstants();
    for (const t of [c.eig, c.a, c.b, ...c.mask, ...c.swap, ...c.sign, c.fixedEig]) tf.keep(t);
    return (this.consts = c);
  }

  private buildConstants() {
    const D = this.dim;
    const O = this.net!.outDim;
    const rotStart = this.kind === 'learned' ? D : 0;
    const sel = (cols: number, pick: (col: number) => number) => {
      const m = new Float32Array(O * cols);
      for (let c = 0; c < cols; c++) m[pick(c) * cols + c] = 1;
      return tf.tensor2d(m, [O, cols]);
    };
    const pairs = this.pairs.length;
    return {
      eig: sel(D, (c) => c),
      a: sel(pairs, (c) => rotStart + 2 * c),
      b: sel(pairs, (c) => rotStart + 2 * c + 1),
      mask: this.pairs.map(([i, j]) => tf.tensor2d(Array.from({ length: D }, (_, d) => (d === i || d === j ? 1 : 0)), [1, D])),
      swap: this.pairs.map(([i, j]) => {
        const m = new Float32Array(D * D);
        m[j * D + i] = 1;
        m[i * D + j] = 1;
        return tf.tensor2d(m, [D, D]);
      }),
      sign: this.pairs.map(([i, j]) => tf.tensor2d(Array.from({ length: D }, (_, d) => (d === i ? -1 : d === j ? 1 : 0)), [1, D])),
      fixedEig: tf.tensor2d([FIXED_EIGS as unknown as number[]]),
    };
  }

  /** Eigenvalues [P, D] and rotation cosines and sines [P, pairs] at points q. */
  components(q: tf.Tensor2D, cond: CondTensor): { eig: tf.Tensor2D; cos: tf.Tensor2D | null; sin: tf.Tensor2D | null } {
    const P = q.shape[0];
    if (!this.net) return { eig: tf.ones([P, this.dim]), cos: null, sin: null };
    const k = this.constants();
    const out = this.net.apply(q, cond);
    const eig =
      this.kind === 'learned'
        ? (tf.add(E_MIN, tf.mul(E_MAX - E_MIN, tf.softmax(dense(out, k.eig)))) as tf.Tensor2D)
        : (tf.mul(tf.ones([P, 1]), k.fixedEig) as tf.Tensor2D);
    // D = 1 has no rotation pairs: R = I.
    if (this.pairs.length === 0) return { eig, cos: null, sin: null };
    const a = dense(out, k.a);
    const b = dense(out, k.b);
    const r = tf.sqrt(tf.add(tf.add(tf.square(a), tf.square(b)), 1e-8));
    return { eig, cos: tf.div(a, r) as tf.Tensor2D, sin: tf.div(b, r) as tf.Tensor2D };
  }

  /** Applies R to vectors v [P, D]: the Givens rotations in pair order. */
  rotate(v: tf.Tensor2D, cos: tf.Tensor2D | null, sin: tf.Tensor2D | null): tf.Tensor2D {
    if (!cos || !sin) return v;
    const k = this.constants();
    const P = v.shape[0];
    const n = this.pairs.length;
    for (let p = 0; p < n; p++) {
      const c = n === 1 ? cos : cos.slice([0, p], [P, 1]);
      const s = n === 1 ? sin : sin.slice([0, p], [P, 1]);
      // v_i ← c v_i − s v_j, v_j ← s v_i + c v_j, others unchanged.
      v = tf.addN([v, tf.mul(tf.sub(c, 1), tf.mul(v, k.mask[p])), tf.mul(s, tf.mul(dense(v, k.swap[p]), k.sign[p]))]) as tf.Tensor2D;
    }
    return v;
  }

  /** Δᵀ G(q | x) Δ for each row, [P]. */
  quadForm(q: tf.Tensor2D, cond: CondTensor, delta: tf.Tensor2D): tf.Tensor1D {
    if (!this.net) return tf.sum(tf.square(delta), 1);
    const { eig, cos, sin } = this.components(q, cond);
    return tf.sum(tf.mul(eig, tf.square(this.rotate(delta, cos, sin))), 1);
  }

  /** Full matrices G [P, D, D] (for views and tests): G = Rᵀ diag(e) R. */
  matrices(q: tf.Tensor2D, cond: CondTensor): tf.Tensor3D {
    return tf.tidy(() => {
      const P = q.shape[0];
      const D = this.dim;
      if (!this.net) return tf.tile(tf.eye(D).expandDims(0), [P, 1, 1]) as tf.Tensor3D;
      const { eig, cos, sin } = this.components(q, cond);
      // Columns of R: R e_k for each basis vector e_k.
      const cols = Array.from({ length: D }, (_, k) => this.rotate(tf.tile(tf.eye(D).slice([k, 0], [1, D]), [P, 1]) as tf.Tensor2D, cos, sin));
      const R = tf.stack(cols, 2) as tf.Tensor3D; // [P, D(row), D(col)]
      const eR = tf.mul(eig.expandDims(2), R); // diag(e) R
      return tf.matMul(R, eR, true, false) as tf.Tensor3D; // Rᵀ diag(e) R
    });
  }

  dispose(): void {
    this.net?.dispose();
    if (this.consts) {
      const c = this.consts;
      for (const t of [c.eig, c.a, c.b, ...c.mask, ...c.swap, ...c.sign, c.fixedEig]) t.dispose();
      this.consts = undefined;
    }
  }
}

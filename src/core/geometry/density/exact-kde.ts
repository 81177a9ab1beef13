import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import { classMembers, FLOOR, gaussianNorm, kernelDensityAt, type DensityContext, type DensityStrategy, type KernelSettings } from './pool';

/** Added to a non-member's squared distance ('nearest') or subtracted from its log weight ('kde'): out of reach. */
const OUT_OF_CLASS = 1e30;

/**
 * The KDE evaluated against the pooled samples themselves (at most maxPool
 * per class, drawn once): for D > 3, or in 3-D when the grid's tables
 * would not fit, or when no grid is asked for.
 *
 * Every point meets every pooled sample through one matrix product. A
 * point's class enters that product as one-hot columns against per-class
 * rows (a penalty on non-members' distances for 'nearest', the log weight
 * 1/n_k for 'kde'), so no [points × pool] weight table is gathered per call.
 */
export class ExactKde implements DensityStrategy {
  readonly mode = 'exact';
  private readonly poolY: tf.Tensor2D;
  private readonly classes: number;
  /** [D + classes, pool]: the pooled samples' side of the product (see logDensity); stored transposed, as a transposed operand made the product 6× slower on wasm. */
  private readonly right: tf.Tensor2D;
  /** [1, pool]: the terms that depend on the pooled sample alone. */
  private readonly sampleTerm: tf.Tensor2D;
  /** [classes]: 1 where class k has pooled samples, 0 where it has none (its p̂ is 0). */
  private readonly classHasMembers: tf.Tensor1D;

  constructor(
    private readonly s: KernelSettings,
    maxPool: number,
    rng: Rng,
  ) {
    const D = s.pool.dim;
    const kept = classMembers(s.pool).map((m) => (m.length > maxPool ? Array.from(rng.permutation(m.length).slice(0, maxPool), (i) => m[i]) : m));
    const all = kept.flat();
    const M = all.length;
    this.classes = kept.length > 1 ? kept.length : 0;
    const C = this.classes;
    const inv2h2 = 1 / (2 * s.bandwidth * s.bandwidth);
    const nearest = s.kernel === 'nearest';
    const y = new Float32Array(M * D);
    all.forEach((i, r) => y.set(s.pool.y.subarray(i * D, (i + 1) * D), r * D));
    const classOf = new Int32Array(M);
    let col = 0;
    kept.forEach((m, k) => {
      classOf.fill(k, col, col + m.length);
      col += m.length;
    });
    // 'nearest': q·right = −2 q·y_j + penalty; 'kde': q·right = q·y_j / h² + log w_j.
    const right = new Float32Array((D + C) * M);
    const sampleTerm = new Float32Array(M);
    for (let j = 0; j < M; j++) {
      let y2 = 0;
      for (let d = 0; d < D; d++) {
        const v = y[j * D + d];
        right[d * M + j] = nearest ? -2 * v : 2 * inv2h2 * v;
        y2 += v * v;
      }
      const logW = -Math.log(kept[classOf[j]].length);
      for (let k = 0; k < C; k++) {
        const member = classOf[j] === k;
        right[(D + k) * M + j] = nearest ? (member ? 0 : OUT_OF_CLASS) : member ? logW : -OUT_OF_CLASS;
      }
      sampleTerm[j] = nearest ? y2 : -inv2h2 * y2 + (C === 0 ? logW : 0);
    }
    this.poolY = tf.tensor2d(y, [M, D]);
    this.right = tf.tensor2d(right, [D + C, M]);
    this.sampleTerm = tf.tensor2d(sampleTerm, [1, M]);
    this.classHasMembers = tf.tensor1d(kept.map((m) => (m.length > 0 ? 1 : 0)));
  }

  /** The peak over (a subsample of) the pool points: a KDE peaks near its samples. */
  logPeak(): number {
    const { pool } = this.s;
    const D = pool.dim;
    const P = pool.y.length / D;
    const members = classMembers(pool);
    const stride = Math.max(1, Math.floor(P / 400));
    let mx = 0;
    for (let i = 0; i < P; i += stride) mx = Math.max(mx, kernelDensityAt(this.s, pool.y.subarray(i * D, (i + 1) * D), members[pool.label ? pool.label[i] : 0]));
    return Math.log(mx + FLOOR);
  }

  /**
   * log(p̂ + FLOOR) at q, with its gradient written out (tf.customGrad):
   * autodiff through the [points × pool] table, and for 'nearest' through
   * its max, took 1.6 s per pass over 12,000 points in 4-D on wasm, against
   * 41 ms now (BENCHMARKS.md).
   * 'nearest': ∇ = k*·(y* − q)/h² / (k* + FLOOR/norm), y* the nearest member;
   * 'kde': ∇ = Σ_j w_j k_j (y_j − q)/h² / (p + FLOOR/norm).
   */
  logDensity(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    const h = this.s.bandwidth;
    const inv2h2 = 1 / (2 * h * h);
    const norm = gaussianNorm(this.s.pool.dim, h);
    const P = q.shape[0];
    const C = this.classes;
    const labels = C > 0 ? ctx.labels : undefined;
    if (C > 0 && !labels) throw new Error('a density over classes needs each point’s class');
    const density = tf.customGrad(((qq: tf.Tensor2D, save: tf.GradSaveFunc) => {
      const left = labels ? tf.concat([qq, tf.oneHot(labels, C).toFloat()], 1) : qq;
      const cross = tf.matMul(left, this.right);
      const q2 = tf.sum(tf.square(qq), 1, true);
      if (this.s.kernel === 'nearest') {
        // The index comes from the expanded distances; the distance itself is taken again from the member's row.
        const idx = tf.argMin(tf.add(tf.add(cross, this.sampleTerm), q2), 1);
        const diff = tf.sub(tf.gather(this.poolY, idx), qq);
        const k0 = tf.exp(tf.mul(tf.sum(tf.square(diff), 1), -inv2h2));
        const k = labels ? tf.mul(k0, tf.gather(this.classHasMembers, labels)) : k0;
        save([diff, tf.div(k, tf.add(k, FLOOR / norm))]);
        return {
          value: tf.log(tf.add(tf.mul(k, norm), FLOOR)),
          gradFunc: (g: tf.Tensor, [d, share]: tf.Tensor[]) => tf.mul(d, tf.mul(tf.mul(g, share), 2 * inv2h2).reshape([P, 1])),
        };
      }
      const kw = tf.exp(tf.sub(tf.add(cross, this.sampleTerm), tf.mul(q2, inv2h2)));
      const p = tf.sum(kw, 1);
      save([kw, p, qq]);
      return {
        value: tf.log(tf.add(tf.mul(p, norm), FLOOR)),
        gradFunc: (g: tf.Tensor, [skw, sp, sq]: tf.Tensor[]) => {
          const toward = tf.sub(tf.matMul(skw, this.poolY), tf.mul(sq, sp.reshape([P, 1])));
          return tf.mul(toward, tf.mul(tf.div(g, tf.add(sp, FLOOR / norm)), 2 * inv2h2).reshape([P, 1]));
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return tf.tidy(() => density(q) as tf.Tensor1D);
  }

  dispose(): void {
    this.poolY.dispose();
    this.right.dispose();
    this.sampleTerm.dispose();
    this.classHasMembers.dispose();
  }
}

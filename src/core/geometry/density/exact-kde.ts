import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import { dense } from '../../tfjs/dense';
import { classMembers, FLOOR, gaussianNorm, kernelDensityAt, type DensityContext, type DensityStrategy, type KernelSettings } from './pool';

/**
 * The KDE evaluated against the pooled samples themselves (at most maxPool
 * per class, drawn once): for D > 2 or when no grid is asked for.
 */
export class ExactKde implements DensityStrategy {
  readonly mode = 'exact';
  private readonly poolY: tf.Tensor2D;
  /** [classes, P] with 1/n_k for the members of class k. */
  private readonly classWeights: tf.Tensor2D;

  constructor(
    private readonly s: KernelSettings,
    maxPool: number,
    rng: Rng,
  ) {
    const D = s.pool.dim;
    const kept = classMembers(s.pool).map((m) => (m.length > maxPool ? Array.from(rng.permutation(m.length).slice(0, maxPool), (i) => m[i]) : m));
    const all = kept.flat();
    const y = new Float32Array(all.length * D);
    all.forEach((i, r) => y.set(s.pool.y.subarray(i * D, (i + 1) * D), r * D));
    const weights = new Float32Array(kept.length * all.length);
    let col = 0;
    kept.forEach((m, k) => {
      for (let j = 0; j < m.length; j++) weights[k * all.length + col + j] = 1 / m.length;
      col += m.length;
    });
    this.poolY = tf.tensor2d(y, [all.length, D]);
    this.classWeights = tf.tensor2d(weights, [kept.length, all.length]);
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

  logDensity(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    return tf.tidy(() => {
      const h = this.s.bandwidth;
      const kern = tf.exp(tf.mul(sqDist(q, this.poolY), -1 / (2 * h * h)));
      const weights = ctx.labels ? tf.gather(this.classWeights, ctx.labels) : this.classWeights;
      const p =
        this.s.kernel === 'nearest'
          ? tf.max(tf.mul(kern, tf.sign(weights)), 1) // members only, the largest kernel
          : tf.sum(tf.mul(kern, weights), 1);
      return tf.log(tf.add(tf.mul(p, gaussianNorm(this.s.pool.dim, h)), FLOOR)) as tf.Tensor1D;
    });
  }

  dispose(): void {
    this.poolY.dispose();
    this.classWeights.dispose();
  }
}

/** Squared Euclidean distances between rows of a [P, D] and b [Q, D]: [P, Q]. */
function sqDist(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const a2 = tf.sum(tf.square(a), 1, true);
  const b2 = tf.sum(tf.square(b), 1, true).transpose();
  return tf.relu(tf.sub(tf.add(a2, b2), tf.mul(2, dense(a, tf.transpose(b))))) as tf.Tensor2D;
}

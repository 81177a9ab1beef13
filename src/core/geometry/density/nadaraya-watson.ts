import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../random';
import { FLOOR, gaussianNorm, type DensityContext, type DensityStrategy, type KernelSettings } from './pool';

/**
 * p̂(q | x) for continuous conditions x: a KDE over the pool weighted by
 * each pool row's condition kernel (Nadaraya–Watson), truncated to the k
 * nearest conditions, which are found once per distinct condition.
 */
export class NadarayaWatson implements DensityStrategy {
  readonly mode = 'nw';
  private readonly poolY: tf.Tensor2D;
  readonly neighbours: number;
  /** A fixed pseudo-random rank of every pool row, breaking ties between equal condition distances. */
  private ties?: Int32Array;

  constructor(
    private readonly s: KernelSettings,
    readonly condBandwidth: number,
    neighbours: number,
  ) {
    const P = s.pool.y.length / s.pool.dim;
    this.poolY = tf.tensor2d(s.pool.y, [P, s.pool.dim]);
    this.neighbours = Math.min(neighbours, P);
  }

  /** Every pool row has weight ≤ 1 relative to the nearest: the peak is one kernel's height. */
  logPeak(): number {
    return Math.log(gaussianNorm(this.s.pool.dim, this.s.bandwidth) + FLOOR);
  }

  /**
   * Neighbours of conditions c [B × C] among the pool's conditions: indices
   * and normalised Gaussian weights, [B, k] each (setup, plain JS).
   */
  neighboursFor(c: Float32Array, B: number): { idx: Int32Array; w: Float32Array; k: number } {
    const { pool } = this.s;
    const C = pool.condDim;
    const P = pool.y.length / pool.dim;
    const k = this.neighbours;
    const idx = new Int32Array(B * k);
    const w = new Float32Array(B * k);
    const d2 = new Float64Array(P);
    const inv = 1 / (2 * this.condBandwidth * this.condBandwidth);
    const tie = this.tieRanks(P);
    // Rows that share a condition (a policy's state, a repeated input) share their neighbours: computed once.
    const done = new Map<string, number>();
    for (let b = 0; b < B; b++) {
      const key = Array.from(c.subarray(b * C, (b + 1) * C)).join(',');
      const same = done.get(key);
      if (same !== undefined) {
        idx.copyWithin(b * k, same * k, (same + 1) * k);
        w.copyWithin(b * k, same * k, (same + 1) * k);
        continue;
      }
      done.set(key, b);
      for (let i = 0; i < P; i++) {
        let s = 0;
        for (let d = 0; d < C; d++) {
          const t = c[b * C + d] - pool.c![i * C + d];
          s += t * t;
        }
        d2[i] = s;
      }
      // Equal distances (a condition repeated at every anchor) are broken by a fixed shuffle of the pool,
      // not by pool order, which kept whole anchors out of p̂ when more than k rows tied.
      const sorted = Array.from({ length: P }, (_, i) => i)
        .sort((x, y) => d2[x] - d2[y] || tie[x] - tie[y])
        .slice(0, k);
      const base = d2[sorted[0]];
      let total = 0;
      sorted.forEach((i, j) => {
        const v = Math.exp(-(d2[i] - base) * inv);
        idx[b * k + j] = i;
        w[b * k + j] = v;
        total += v;
      });
      for (let j = 0; j < k; j++) w[b * k + j] /= total;
    }
    return { idx, w, k };
  }

  private tieRanks(P: number): Int32Array {
    if (!this.ties) {
      const ranks = new Int32Array(P);
      new Rng(104_729).permutation(P).forEach((row, rank) => (ranks[row] = rank));
      this.ties = ranks;
    }
    return this.ties;
  }

  logDensity(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    return tf.tidy(() => {
      const [P, D] = q.shape;
      const h = this.s.bandwidth;
      const k = ctx.nbIdx!.shape[1];
      const nb = tf.gather(this.poolY, ctx.nbIdx!.reshape([P * k])).reshape([P, k, D]);
      const kern = tf.exp(tf.mul(tf.sum(tf.square(tf.sub(q.expandDims(1), nb)), 2), -1 / (2 * h * h)));
      // 'nearest': the largest kernel, each neighbour discounted by its condition weight relative to the closest condition's.
      const p =
        this.s.kernel === 'nearest'
          ? tf.max(tf.mul(kern, tf.div(ctx.nbW!, tf.max(ctx.nbW!, 1, true))), 1)
          : tf.sum(tf.mul(kern, ctx.nbW!), 1);
      return tf.log(tf.add(tf.mul(p, gaussianNorm(D, h)), FLOOR)) as tf.Tensor1D;
    });
  }

  /** Exact (untruncated) log p̂ at one point and condition, in plain JS, for tests and views. */
  logDensityAt(point: ArrayLike<number>, cond: ArrayLike<number>): number {
    const { pool, bandwidth: h } = this.s;
    const C = pool.condDim;
    const D = pool.dim;
    const P = pool.y.length / D;
    const inv = 1 / (2 * this.condBandwidth * this.condBandwidth);
    const hinv = 1 / (2 * h * h);
    let num = 0;
    let den = 0;
    for (let i = 0; i < P; i++) {
      let dc = 0;
      for (let d = 0; d < C; d++) dc += (cond[d] - pool.c![i * C + d]) ** 2;
      let dy = 0;
      for (let d = 0; d < D; d++) dy += (point[d] - pool.y[i * D + d]) ** 2;
      const wc = Math.exp(-dc * inv);
      num += wc * Math.exp(-dy * hinv);
      den += wc;
    }
    return Math.log((gaussianNorm(D, h) * num) / den + FLOOR);
  }

  dispose(): void {
    this.poolY.dispose();
  }
}

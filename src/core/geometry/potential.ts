import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { ExactKde } from './density/exact-kde';
import { GridKde } from './density/grid-kde';
import { NadarayaWatson } from './density/nadaraya-watson';
import { classMembers, FLOOR, kernelDensityAt, type DensityContext, type DensityStrategy, type KernelSettings, type PotentialKernel, type PotentialPool } from './density/pool';

export type { DensityContext, PotentialKernel, PotentialPool } from './density/pool';

/**
 * The density potential's log term, log(p̂(q | x) + 1e-8) − log(p̂_max + 1e-8):
 * a Gaussian KDE over the pooled anchor samples (per class for a label;
 * Nadaraya–Watson over conditions for continuous x). The constant shift by
 * the peak density makes U ≤ 0, so the discrete energy E = Σ(len − U) is
 * never negative and c = ½E² stays monotone in E; a constant shift of U
 * leaves the geodesics unchanged.
 *
 * p̂ is evaluated by one of three strategies (density/): a table per class
 * on a grid for D ≤ 3 with a label or no condition (GridKde; in 3-D while its cells fit), the pooled
 * samples themselves otherwise (ExactKde), or for continuous conditions the
 * k nearest conditions' samples (NadarayaWatson).
 */
export class DensityPotential {
  readonly kernel: PotentialKernel;
  /**
   * Deepest the log ratio goes (0 = no limit). Beyond it U is flat: the
   * potential holds paths on the data within a few bandwidths, while a gap
   * between anchors, which says nothing about where to cross it, pulls no
   * path towards the nearest dense core.
   */
  readonly depth: number;
  readonly logPeak: number;
  private readonly settings: KernelSettings;
  private readonly strategy: DensityStrategy;

  constructor(
    readonly pool: PotentialPool,
    readonly bandwidth: number,
    condBandwidth: number,
    opts: { grid: number; maxPool: number; neighbours: number; kernel?: PotentialKernel; depth?: number },
    rng: Rng,
  ) {
    this.kernel = opts.kernel ?? 'kde';
    this.depth = opts.depth ?? 0;
    this.settings = { pool, bandwidth, kernel: this.kernel };
    if (pool.condDim > 0) this.strategy = new NadarayaWatson(this.settings, condBandwidth, opts.neighbours);
    else if (GridKde.fits(pool, opts.grid, bandwidth)) this.strategy = new GridKde(this.settings, opts.grid);
    else this.strategy = new ExactKde(this.settings, opts.maxPool, rng);
    this.logPeak = this.strategy.logPeak();
  }

  get mode(): DensityStrategy['mode'] {
    return this.strategy.mode;
  }

  /** Nadaraya–Watson neighbours of conditions c [B × C] (continuous conditions only). */
  neighboursFor(c: Float32Array, B: number): { idx: Int32Array; w: Float32Array; k: number } {
    if (!(this.strategy instanceof NadarayaWatson)) throw new Error('neighbours exist only for continuous conditions');
    return this.strategy.neighboursFor(c, B);
  }

  /** log(p̂(q | x) + 1e-8) − log p̂_max for points q [P, D], floored at −depth; differentiable in q. */
  logRatio(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    return tf.tidy(() => {
      const ratio = tf.sub(this.strategy.logDensity(q, ctx), this.logPeak);
      return (this.depth > 0 ? tf.maximum(ratio, -this.depth) : ratio) as tf.Tensor1D;
    });
  }

  /** Exact log p̂ (not shifted) at one point, in plain JS, for tests and views. */
  logDensityAt(point: ArrayLike<number>, label = 0, cond?: ArrayLike<number>): number {
    if (this.strategy instanceof NadarayaWatson) return this.strategy.logDensityAt(point, cond!);
    return Math.log(kernelDensityAt(this.settings, point, classMembers(this.pool)[label]) + FLOOR);
  }

  dispose(): void {
    this.strategy.dispose();
  }
}

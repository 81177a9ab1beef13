import * as tf from '@tensorflow/tfjs-core';
import { disposeContext, type BatchContext } from '../geometry/energy';
import type { CondTensor } from '../nn/mlp';
import { inputGradientsOnly } from '../tfjs/dense';
import { Rng } from '../random';
import type { ClotModel } from './model';
import { fitPathNetwork, runInChunks } from './path-fit';
import type { StepStats, Trainer } from './trainer-types';
import type { PretrainProgress, Rows } from '../sampling/types';

/** The dual step's means, kept for the step's statistics. */
interface DualTerms {
  hatMean: tf.Scalar;
  targetMean: tf.Scalar;
  residual: tf.Scalar;
}

interface IntervalBatch {
  /** Rows of source anchor k inside the concatenated source batch. */
  offset: number;
  n: number;
  target: tf.Tensor2D;
  targetCond: CondTensor;
}

/**
 * The published solver (config.solver = 'semidual'). Runs the CLOT optimisation (method doc §3): per step a batched Adam
 * refinement of the c-transform from T_k(y), the semi-dual update of every
 * g_k and T_k, a metric step every `metricEvery` steps, and path-network
 * refits every `pathRefitEvery` steps. All intervals share one concatenated
 * source batch so that the shared networks run once per step. Full batch.
 */
export class SemiDualTrainer implements Trainer {
  private readonly srcY: tf.Tensor2D;
  private readonly srcCond: CondTensor;
  private readonly ctx: BatchContext;
  private readonly batches: IntervalBatch[];
  private readonly lo: tf.Tensor1D;
  private readonly hi: tf.Tensor1D;
  private readonly opt: tf.Optimizer;
  /** Separate Adam for map-only steps: tfjs keeps Adam state by position in the variable list. */
  private readonly mapOpt: tf.Optimizer;
  private readonly metricOpt: tf.Optimizer | null;
  private readonly pathOpt: tf.Optimizer | null;
  private readonly rng: Rng;
  private pretrained = false;
  /** Last step's ŷ, kept to warm-start the next c-transform. */
  private prevHat: tf.Tensor2D | null = null;

  constructor(readonly model: ClotModel) {
    const cfg = model.config;
    const K = model.intervals;
    const sources = model.rows.slice(0, K);
    const src = concatRows(sources, model.D, model.data.condition.kind === 'continuous' ? model.data.condition.dim : 0);
    this.srcY = tf.tensor2d(src.y, [src.n, model.D]);
    this.srcCond = model.condTensor(src);
    this.ctx = model.geometry.context(src.n, this.srcCond, model.densityContext(src));
    let offset = 0;
    this.batches = sources.map((r, k) => {
      const t = model.rows[k + 1];
      const b = { offset, n: r.n, target: tf.tensor2d(t.y, [t.n, model.D]), targetCond: model.condTensor(t) };
      offset += r.n;
      return b;
    });
    this.lo = tf.tensor1d(model.lo);
    this.hi = tf.tensor1d(model.hi);
    this.opt = tf.train.adam(cfg.lr, cfg.beta1, 0.999, 1e-8);
    this.mapOpt = tf.train.adam(cfg.lr, 0.9, 0.999, 1e-8);
    this.metricOpt = model.metric.net ? tf.train.adam(cfg.metricLr, 0.9, 0.999, 1e-8) : null;
    this.pathOpt = model.path ? tf.train.adam(cfg.pathLr, 0.9, 0.999, 1e-8) : null;
    this.rng = new Rng(cfg.seed + 104729);
  }

  /** Per-row slices of the source batch for interval k. */
  private slice<T extends tf.Tensor>(t: T, k: number): T {
    const b = this.batches[k];
    return tf.slice(t, [b.offset, ...t.shape.slice(1).map(() => 0)], [b.n, ...t.shape.slice(1)]) as T;
  }

  private sliceCond(k: number): CondTensor {
    return this.srcCond ? this.slice(this.srcCond, k) : null;
  }

  /** T_k(y) for every interval, concatenated like the source batch. */
  private mapped(): tf.Tensor2D {
    return tf.concat(this.batches.map((_, k) => this.model.map(k, this.slice(this.srcY, k), this.sliceCond(k))), 0) as tf.Tensor2D;
  }

  /** Σ_k Σ_i g_k(z_i) over the concatenated batch. */
  private potentialSum(z: tf.Tensor2D): tf.Scalar {
    return tf.addN(this.batches.map((_, k) => tf.sum(this.model.potentialNet(k, this.slice(z, k), this.sliceCond(k))))) as tf.Scalar;
  }

  /** Per-row c-transform objective c(y, z) − g_k(z) [B]. */
  private rowObjective(z: tf.Tensor2D): tf.Tensor1D {
    const g = tf.concat(this.batches.map((_, k) => this.model.potentialNet(k, this.slice(z, k), this.sliceCond(k))), 0);
    return tf.sub(tf.mul(0.5, tf.square(this.energies(z))), g) as tf.Tensor1D;
  }

  /** Path energies E(y, z) [B] with φ from the path network (or given). */
  private energies(z: tf.Tensor2D, phi?: tf.Tensor2D | null): tf.Tensor1D {
    const m = this.model;
    const p = phi === undefined ? m.phi(this.srcY, z, this.srcCond) : phi;
    return m.geometry.energy(m.geometry.path(this.srcY, z, p), this.ctx);
  }

  /** The c-transform: refine ŷ from T_k(y) by batched Adam on c(y, z) − g_k(z), clip, stop gradients. */
  private cTransform(): tf.Tensor2D {
    const cfg = this.model.config;
    return tf.tidy(() => {
      let z = this.mapped();
      if (this.prevHat && cfg.warmStart) {
        // Start each row from the better of T_k(y) and last step's ŷ (a persistent c-transform).
        const fz = this.rowObjective(z);
        const fp = this.rowObjective(this.prevHat);
        z = tf.where(tf.less(fp, fz).expandDims(1), this.prevHat, z) as tf.Tensor2D;
      }
      if (cfg.cTransformSteps > 0) {
        const objective = (zz: tf.Tensor) =>
          tf.sub(tf.sum(tf.mul(0.5, tf.square(this.energies(zz as tf.Tensor2D)))), this.potentialSum(zz as tf.Tensor2D)) as tf.Scalar;
        const grad = tf.grad(objective);
        let mom = tf.zerosLike(z);
        let vel = tf.zerosLike(z);
        const b1 = 0.9;
        const b2 = 0.999;
        for (let i = 1; i <= cfg.cTransformSteps; i++) {
          const gz = inputGradientsOnly(() => grad(z));
          mom = tf.add(tf.mul(b1, mom), tf.mul(1 - b1, gz));
          vel = tf.add(tf.mul(b2, vel), tf.mul(1 - b2, tf.square(gz)));
          const mh = tf.div(mom, 1 - b1 ** i);
          const vh = tf.div(vel, 1 - b2 ** i);
          z = tf.sub(z, tf.mul(cfg.cTransformLr, tf.div(mh, tf.add(tf.sqrt(vh), 1e-8))));
        }
      }
      // ŷ leaves this tidy as a plain tensor: no gradient tape reaches through it (stop-gradient).
      return tf.maximum(tf.minimum(z, this.hi), this.lo) as tf.Tensor2D;
    });
  }

  /** Path-network training on pairs (y, z) of the source batch: minimises the mean energy. Returns the last loss. */
  private fitPath(pairs: tf.Tensor2D, steps: number): Promise<number | undefined> {
    return this.pathOpt ? fitPathNetwork(this.model, this.pathOpt, () => this.energies(pairs), steps) : Promise.resolve(undefined);
  }

  /** Random same-class target for every source row (for path pre-training). */
  private randomPairs(): tf.Tensor2D {
    const m = this.model;
    const D = m.D;
    const out = new Float32Array(this.srcY.shape[0] * D);
    this.batches.forEach((b, k) => {
      const src = m.rows[k];
      const tgt = m.rows[k + 1];
      const byClass = new Map<number, number[]>();
      for (let j = 0; j < tgt.n; j++) {
        const key = tgt.label ? tgt.label[j] : 0;
        if (!byClass.has(key)) byClass.set(key, []);
        byClass.get(key)!.push(j);
      }
      for (let i = 0; i < src.n; i++) {
        const list = byClass.get(src.label ? src.label[i] : 0)!;
        const j = list[this.rng.int(list.length)];
        out.set(tgt.y.subarray(j * D, (j + 1) * D), (b.offset + i) * D);
      }
    });
    return tf.tensor2d(out, [this.srcY.shape[0], D]);
  }

  /** Pre-trains the path network on random pairs (once). */
  async pretrain(onProgress?: PretrainProgress, signal?: AbortSignal): Promise<void> {
    if (this.pretrained) return;
    const m = this.model;
    if (!m.path || m.stepsDone > 0) return;
    // A later call after an abort starts over.
    this.pretrained = await runInChunks(
      m.config.pathPretrainSteps,
      25,
      async (_, steps) => {
        const pairs = this.randomPairs();
        await this.fitPath(pairs, steps);
        pairs.dispose();
      },
      onProgress,
      signal,
    );
  }

  /**
   * One training step, in the order of the method doc's recipe (§3): refit the
   * path network if due, the c-transform, the dual step on every g_k and T_k,
   * the extra map steps, the metric step if due, then the step's statistics.
   */
  async step(): Promise<StepStats> {
    const m = this.model;
    const t = m.stepsDone;
    const pathLoss = await this.refitPathIfDue(t);
    const yHat = this.cTransform();
    this.prevHat?.dispose();
    this.prevHat = tf.clone(yHat);
    const stats = this.tidyKeeping((keep) => {
      const dual = this.dualStep(yHat, keep);
      this.mapSteps(yHat);
      const energy = this.metricOpt && t % m.config.metricEvery === 0 ? this.metricStep(yHat, keep) : this.energies(yHat);
      return this.stepStats(energy, dual);
    });
    yHat.dispose();
    const [dual, residual, energy] = await stats.data();
    stats.dispose();
    m.stepsDone = t + 1;
    return { step: m.stepsDone, dual, residual, energy, pathLoss };
  }

  /** Every pathRefitEvery steps, the path network is refitted on the current pairs (y, T_k(y)). */
  private async refitPathIfDue(t: number): Promise<number | undefined> {
    if (!this.model.path || t === 0 || t % this.model.config.pathRefitEvery !== 0) return undefined;
    const pairs = tf.tidy(() => this.mapped());
    const loss = await this.fitPath(pairs, this.model.config.pathRefitSteps);
    pairs.dispose();
    return loss;
  }

  /**
   * Runs fn in a tidy; tensors it passes to `keep` (values captured inside optimiser closures,
   * which tidy would otherwise dispose too early or leak) live until the tidy's result is returned.
   */
  private tidyKeeping<T extends tf.Tensor>(fn: (keep: <U extends tf.Tensor>(x: U) => U) => T): T {
    const kept: tf.Tensor[] = [];
    try {
      return tf.tidy(() =>
        fn((x) => {
          kept.push(tf.keep(x));
          return x;
        }),
      );
    } finally {
      for (const x of kept) x.dispose();
    }
  }

  /**
   * The semi-dual update of every g_k and T_k: loss = −dual + residual, where c(y, ŷ) is
   * dropped (no gradient in g or T). Returns the means the step's statistics need.
   */
  private dualStep(yHat: tf.Tensor2D, keep: <U extends tf.Tensor>(x: U) => U): DualTerms {
    const m = this.model;
    const terms: Partial<DualTerms> = {};
    this.opt.minimize(
      () => {
        const parts = this.batches.map((b, k) => {
          const cond = this.sliceCond(k);
          const yh = this.slice(yHat, k);
          return {
            gHat: tf.mean(m.potentialNet(k, yh, cond)),
            gTgt: tf.mean(m.potentialNet(k, b.target, b.targetCond)),
            res: tf.mean(tf.sum(tf.square(tf.sub(m.map(k, this.slice(this.srcY, k), cond), yh)), 1)),
          };
        });
        terms.hatMean = keep(tf.addN(parts.map((p) => p.gHat)) as tf.Scalar);
        terms.targetMean = keep(tf.addN(parts.map((p) => p.gTgt)) as tf.Scalar);
        terms.residual = keep(tf.div(tf.addN(parts.map((p) => p.res)), parts.length) as tf.Scalar);
        return tf.add(tf.sub(terms.hatMean, terms.targetMean), tf.mul(terms.residual, this.batches.length)) as tf.Scalar;
      },
      false,
      [...m.g, ...m.T].flatMap((n) => n.variables),
    );
    return terms as DualTerms;
  }

  /** mapSteps − 1 extra regressions of the maps onto the same ŷ: cheap (no path geometry), they keep T_k close to ŷ. */
  private mapSteps(yHat: tf.Tensor2D): void {
    const m = this.model;
    const tVars = m.T.flatMap((n) => n.variables);
    for (let r = 1; r < m.config.mapSteps; r++) {
      this.mapOpt.minimize(
        () =>
          tf.addN(
            this.batches.map((_, k) => tf.mean(tf.sum(tf.square(tf.sub(m.map(k, this.slice(this.srcY, k), this.sliceCond(k)), this.slice(yHat, k))), 1))),
          ) as tf.Scalar,
        false,
        tVars,
      );
    }
  }

  /**
   * The outer problem: the metric minimises the estimated transport cost with φ held fixed
   * (φ computed outside the optimiser's closure is a constant for the metric's gradient).
   * Returns the path energies it saw.
   */
  private metricStep(yHat: tf.Tensor2D, keep: <U extends tf.Tensor>(x: U) => U): tf.Tensor1D {
    const fixedPhi = this.model.phi(this.srcY, yHat, this.srcCond);
    let energy: tf.Tensor1D | null = null;
    this.metricOpt!.minimize(
      () => {
        energy = keep(this.energies(yHat, fixedPhi));
        return tf.div(tf.sum(tf.mul(0.5, tf.square(energy))), this.srcY.shape[0]) as tf.Scalar;
      },
      false,
      this.model.metric.variables,
    );
    return energy!;
  }

  /** [dual, residual, mean energy], with dual = Σ_k mean_k[c − g_k(ŷ)] + mean g_k(y′) (per-interval means of c). */
  private stepStats(energy: tf.Tensor1D, t: DualTerms): tf.Tensor1D {
    const cost = tf.mul(0.5, tf.square(energy));
    const cMeans = tf.addN(this.batches.map((b) => tf.mean(tf.slice(cost, [b.offset], [b.n]))));
    const dual = tf.add(tf.sub(cMeans, t.hatMean), t.targetMean);
    return tf.stack([dual, t.residual, tf.mean(energy)]) as tf.Tensor1D;
  }

  dispose(): void {
    this.srcY.dispose();
    this.prevHat?.dispose();
    this.srcCond?.dispose();
    disposeContext(this.ctx);
    for (const t of [this.ctx.density.labels, this.ctx.density.nbIdx, this.ctx.density.nbW]) t?.dispose();
    for (const b of this.batches) {
      b.target.dispose();
      b.targetCond?.dispose();
    }
    this.lo.dispose();
    this.hi.dispose();
    this.opt.dispose();
    this.mapOpt.dispose();
    this.metricOpt?.dispose();
    this.pathOpt?.dispose();
  }
}

export function concatRows(rows: Rows[], D: number, C: number): Rows {
  const n = rows.reduce((s, r) => s + r.n, 0);
  const y = new Float32Array(n * D);
  const label = rows[0].label ? new Int32Array(n) : undefined;
  const c = C ? new Float32Array(n * C) : undefined;
  let off = 0;
  for (const r of rows) {
    y.set(r.y, off * D);
    if (label) label.set(r.label!, off);
    if (c) c.set(r.c!, off * C);
    off += r.n;
  }
  return { n, y, label, c };
}


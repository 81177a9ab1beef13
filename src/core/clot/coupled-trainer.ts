import * as tf from '@tensorflow/tfjs-core';
import { disposeContext, type BatchContext } from '../geometry/energy';
import type { CondTensor } from '../nn/mlp';
import { Rng } from '../random';
import type { CouplingPlan } from '../baselines/coupling';
import { coupleConsecutive, randomPartners, recoupleLagrangian, subRows } from './coupling';
import { calibrateLinger } from './linger';
import type { ClotModel } from './model';
import { fitPathNetwork, pathStep, runInChunks } from './path-fit';
import { concatRows } from './semidual-trainer';
import type { StepStats, Trainer } from './trainer-types';
import type { PretrainProgress } from '../sampling/types';

/** What pre-training says while it recouples (shown after "path network pre-training n/N"). */
export const RECOUPLING = 'recoupling the anchors along the learned paths';

/**
 * The default solver (config.solver = 'coupled'). Consecutive anchors are
 * coupled exactly (a permutation per condition, or an even plan where the
 * counts differ, so no mass can pile up):
 * first under the squared Euclidean cost, then, for curved variants, once
 * more under the learned geometry during pre-training (see pretrain). Every
 * step then:
 *   1. fits the maps T_k to the coupled partners by regression (mapSteps),
 *   2. takes one step of the path network on the mean energy of the coupled
 *      pairs (curved variants),
 *   3. every metricEvery steps, one metric step minimising the coupled
 *      transport cost with the paths held fixed (learned metrics).
 * The potentials g_k of the semi-dual are not used.
 */
export class CoupledTrainer implements Trainer {
  private readonly srcY: tf.Tensor2D;
  private tgtY: tf.Tensor2D;
  private readonly srcCond: CondTensor;
  private readonly ctx: BatchContext;
  /** [offset, n] of each interval's rows in the concatenated batch. */
  private readonly spans: [number, number][] = [];
  private readonly mapOpt: tf.Optimizer;
  private readonly metricOpt: tf.Optimizer | null;
  private readonly pathOpt: tf.Optimizer | null;
  private pretrained = false;
  private recoupled = false;

  constructor(readonly model: ClotModel) {
    const cfg = model.config;
    if (!model.coupling) model.coupling = coupleConsecutive(model, new Rng(cfg.seed + 31337));
    // One source row per plan entry: a row repeated where the next anchor has more rows. Recoupling keeps the sources.
    const sources = model.coupling.map((plan, k) => subRows(model.rows[k], plan.src, model.D));
    const C = model.data.condition.kind === 'continuous' ? model.data.condition.dim : 0;
    const src = concatRows(sources, model.D, C);
    const D = model.D;
    let offset = 0;
    for (const r of sources) {
      this.spans.push([offset, r.n]);
      offset += r.n;
    }
    this.srcY = tf.tensor2d(src.y, [src.n, D]);
    this.tgtY = this.partnersTensor(model.coupling);
    this.srcCond = model.condTensor(src);
    this.ctx = model.geometry.context(src.n, this.srcCond, model.densityContext(src));
    this.mapOpt = tf.train.adam(cfg.lr, 0.9, 0.999, 1e-8);
    this.metricOpt = model.metric.net ? tf.train.adam(cfg.metricLr, 0.9, 0.999, 1e-8) : null;
    this.pathOpt = model.path ? tf.train.adam(cfg.pathLr, 0.9, 0.999, 1e-8) : null;
  }

  /** The partner of every plan entry (per interval, entries in the order of the sources), as one [N, D] tensor. */
  private partnersTensor(plans: CouplingPlan[]): tf.Tensor2D {
    const m = this.model;
    const D = m.D;
    const N = this.spans.reduce((t, [, n]) => t + n, 0);
    const out = new Float32Array(N * D);
    this.spans.forEach(([offset, n], k) => {
      const next = m.rows[k + 1].y;
      const dst = plans[k].dst;
      for (let i = 0; i < n; i++) out.set(next.subarray(dst[i] * D, (dst[i] + 1) * D), (offset + i) * D);
    });
    return tf.tensor2d(out, [N, D]);
  }

  private slice<T extends tf.Tensor>(t: T, k: number): T {
    const [offset, n] = this.spans[k];
    return tf.slice(t, [offset, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1)]) as T;
  }

  /** Energies of the coupled pairs' paths [N], φ from the path network unless given. */
  private energies(phi?: tf.Tensor2D | null, targets: tf.Tensor2D = this.tgtY): tf.Tensor1D {
    const m = this.model;
    const p = phi === undefined ? m.phi(this.srcY, targets, this.srcCond) : phi;
    return m.geometry.energy(m.geometry.path(this.srcY, targets, p), this.ctx);
  }

  /** Mean over intervals of ‖T_k(y) − y′‖², y′ the coupled partner. */
  private mapLoss(): tf.Scalar {
    const m = this.model;
    const parts = this.spans.map((_, k) => {
      const cond = this.srcCond ? this.slice(this.srcCond, k) : null;
      return tf.mean(tf.sum(tf.square(tf.sub(m.map(k, this.slice(this.srcY, k), cond), this.slice(this.tgtY, k))), 1));
    });
    return tf.div(tf.addN(parts), parts.length) as tf.Scalar;
  }

  /**
   * Before the first step (once): chooses the lingering exponent (timing);
   * for curved paths, pre-trains the path network on random same-condition
   * pairs (so it knows paths between any two samples), recouples the anchors
   * under the Lagrangian cost those paths give, then fits the paths to the
   * new pairs. Abortable between chunks and within the recoupling; a later
   * call starts over.
   */
  async pretrain(onProgress?: PretrainProgress, signal?: AbortSignal): Promise<void> {
    const m = this.model;
    if (this.pretrained || m.stepsDone > 0) return;
    const rng = new Rng(m.config.seed + 4241);
    if (m.config.timing === 'calibrated') m.linger = await calibrateLinger(m, rng);
    const pathOpt = this.pathOpt;
    if (!m.path || !pathOpt) return;
    const total = m.config.pathPretrainSteps;
    const half = Math.ceil(total / 2);
    // A later call after an abort starts over (the recoupling, once done, is kept).
    this.pretrained = await runInChunks(
      total,
      25,
      async (done, steps) => {
        // The random pairs' share, up to halfway (a chunk that straddles halfway is split there, so a
        // pre-training of 2 to 25 steps still recouples).
        const randomSteps = Math.min(steps, Math.max(0, half - done));
        if (randomSteps > 0) {
          const plans = m.coupling!;
          const random = this.partnersTensor(plans.map((plan, k) => randomPartners(m, k, plan, rng)));
          await fitPathNetwork(m, pathOpt, () => this.energies(undefined, random), randomSteps);
          random.dispose();
          if (randomSteps === steps) return;
        }
        if (!this.recoupled) {
          const recoupled = await recoupleLagrangian(m, rng, { signal, onFraction: (fraction) => onProgress?.(done + randomSteps, total, { label: RECOUPLING, fraction }) });
          if (!recoupled) return false; // aborted within the recoupling: pre-training stops here
          m.coupling = recoupled;
          this.tgtY.dispose();
          this.tgtY = this.partnersTensor(m.coupling);
          this.recoupled = true;
        }
        await fitPathNetwork(m, pathOpt, () => this.energies(), steps - randomSteps);
      },
      onProgress,
      signal,
    );
  }

  async step(): Promise<StepStats> {
    const m = this.model;
    const cfg = m.config;
    const t = m.stepsDone;
    const kept: tf.Tensor[] = [];
    const stats = tf.tidy(() => {
      const tVars = m.T.flatMap((n) => n.variables);
      let residual: tf.Scalar | null = null;
      for (let r = 0; r < cfg.mapSteps; r++) {
        this.mapOpt.minimize(
          () => {
            const loss = this.mapLoss();
            // minimize() disposes the loss it returns: keep a copy for the stats.
            if (r === 0) kept.push((residual = tf.keep(tf.clone(loss))));
            return loss;
          },
          false,
          tVars,
        );
      }
      // The path step's own energies (before its update) stand in for the stats on steps without a metric
      // step: a third pass over every pair only to report them cost about a quarter of the step.
      let pathEnergy: tf.Tensor1D | null = null;
      if (m.path && this.pathOpt) {
        pathStep(m.path.variables, cfg.pathClip, this.pathOpt, () => {
          const e = this.energies();
          kept.push((pathEnergy = tf.keep(e)));
          return e;
        });
      }
      let energy: tf.Tensor1D;
      if (this.metricOpt && t % cfg.metricEvery === 0) {
        // Outer problem: the metric minimises the coupled transport cost, φ held fixed.
        const fixedPhi = m.phi(this.srcY, this.tgtY, this.srcCond);
        let e: tf.Tensor1D | null = null;
        this.metricOpt.minimize(
          () => {
            e = this.energies(fixedPhi);
            kept.push(tf.keep(e));
            return tf.mean(tf.mul(0.5, tf.square(e))) as tf.Scalar;
          },
          false,
          m.metric.variables,
        );
        energy = e!;
      } else {
        energy = pathEnergy ?? this.energies();
      }
      const cost = tf.addN(this.spans.map((_, k) => tf.mean(tf.mul(0.5, tf.square(this.slice(energy, k))))));
      return tf.stack([cost, residual!, tf.mean(energy)]);
    });
    for (const x of kept) x.dispose();
    const [dual, residual, energy] = await stats.data();
    stats.dispose();
    m.stepsDone = t + 1;
    return { step: m.stepsDone, dual, residual, energy };
  }

  dispose(): void {
    this.srcY.dispose();
    this.tgtY.dispose();
    this.srcCond?.dispose();
    disposeContext(this.ctx);
    for (const t of [this.ctx.density.labels, this.ctx.density.nbIdx, this.ctx.density.nbW]) t?.dispose();
    this.mapOpt.dispose();
    this.metricOpt?.dispose();
    this.pathOpt?.dispose();
  }
}

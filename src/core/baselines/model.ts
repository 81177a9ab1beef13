import * as tf from '@tensorflow/tfjs-core';
import { fitNormalization, standardizeAnchors, type Normalization } from '../sampling/normalize';
import type { AnchorSet } from '../data/types';
import { condSpecFor, condTensorFor, Mlp, type CondSpec, type CondTensor } from '../nn/mlp';
import { Rng } from '../random';
import type { PointSampler, Rows, StartOptions, Surrogate, SurrogateTrainer, TrainingInfo } from '../sampling/types';
import { encodeAnchorSet } from '../data/encode';
import { BASELINE_FORMAT, BASELINE_VERSION, type BaselineFile } from './file';
import { BaselineTrainer } from './fit';
import { resolveBaselineConfig, type BaselineConfig } from './config';
import { type CouplingPlan, composePlans, intervalPlans } from './coupling';
import { BaselineSampler } from './sampler';
import { BASELINE_STRATEGIES } from './methods';
import type { BaselineStrategy } from './methods/strategy';

/**
 * A baseline surrogate on the same data model as CLOT (standardised outputs,
 * the same conditions), answering the same `sampler(...).sample(λ)`. What
 * differs between baselines (the coupling they need, their network's training
 * examples, how they answer at λ) is each one's strategy file in methods/;
 * this class holds the data, the couplings and the network they share.
 * τ ∈ [0, 1] is λ rescaled over the anchor range.
 */
export class BaselineModel implements Surrogate {
  readonly config: BaselineConfig;
  readonly norm: Normalization;
  readonly D: number;
  readonly rows: Rows[];
  readonly taus: number[];
  readonly condSpec: CondSpec;
  /** The exact optimal coupling of each interval (every method but identity and cfm); ot-cfm's training pairs. */
  readonly plans: CouplingPlan[];
  /** chain[k][i]: the row of anchor k that row i of the first anchor reaches along the plans (regression's targets). */
  readonly chain: Int32Array[];
  readonly net: Mlp | null;
  readonly strategy: BaselineStrategy;
  stepsDone = 0;

  constructor(readonly data: AnchorSet, config: Omit<Partial<BaselineConfig>, 'method'> & { method: string }) {
    this.config = resolveBaselineConfig(config);
    this.D = data.dimY;
    this.norm = fitNormalization(data);
    const cond = data.condition;
    this.rows = standardizeAnchors(data, this.norm);
    const l = this.lambdas;
    this.taus = l.map((x) => (x - l[0]) / (l[l.length - 1] - l[0]));
    this.condSpec = condSpecFor(cond, this.config.embedDim);
    const m = this.config.method;
    this.strategy = BASELINE_STRATEGIES[m];
    const couplingRng = new Rng(this.config.seed + 17);
    this.plans = this.strategy.coupling === 'none' ? [] : intervalPlans(data, this.rows, this.D, couplingRng);
    this.chain = this.strategy.coupling === 'chain' ? composePlans(this.plans, Int32Array.from({ length: this.rows[0].n }, (_, i) => i)) : [];
    this.net = this.strategy.examples
      ? new Mlp(m, this.D + 1, this.config.hidden, this.D, this.condSpec, { activation: 'relu', outScale: 0.1 }, new Rng(this.config.seed))
      : null;
  }

  get method() {
    return this.config.method;
  }

  get lambdas(): number[] {
    return this.data.anchors.map((a) => a.lambda);
  }

  tau(lambda: number): number {
    const l = this.lambdas;
    return (lambda - l[0]) / (l[l.length - 1] - l[0]);
  }

  /** Network condition tensor for standardised rows, or null. */
  condTensor(rows: Rows): CondTensor {
    return condTensorFor(this.condSpec, rows);
  }

  /** The network's output for y [B, D] at τ (one value or one per row). */
  apply(y: tf.Tensor2D, tau: number | tf.Tensor2D, cond: CondTensor): tf.Tensor2D {
    const t = typeof tau === 'number' ? tf.fill([y.shape[0], 1], tau) : tau;
    return this.net!.apply(tf.concat([y, t], 1) as tf.Tensor2D, cond);
  }

  get plannedSteps(): number {
    return this.net ? this.config.iterations : 0;
  }

  set plannedSteps(n: number) {
    this.config.iterations = n;
  }

  trainer(): SurrogateTrainer {
    return new BaselineTrainer(this);
  }

  async serialize(training: TrainingInfo): Promise<BaselineFile> {
    return {
      format: BASELINE_FORMAT,
      version: BASELINE_VERSION,
      method: this.config.method,
      config: this.config,
      data: encodeAnchorSet(this.data),
      training,
      ...(this.net ? { weights: await this.net.serialize() } : {}),
    };
  }

  sampler(opts: StartOptions = {}): PointSampler {
    return new BaselineSampler(this, opts);
  }

  dispose(): void {
    this.net?.dispose();
  }
}

import * as tf from '@tensorflow/tfjs-core';
import { fitNormalization, standardizeAnchors, type Normalization } from '../sampling/normalize';
import type { AnchorSet } from '../data/types';
import { condSpecFor, condTensorFor, Mlp, type CondSpec, type CondTensor } from '../nn/mlp';
import { Rng } from '../random';
import type { PointSampler, Rows, StartOptions, Surrogate, SurrogateTrainer, TrainingInfo } from '../sampling/types';
import { encodeAnchorSet } from '../data/encode';
import { BASELINE_FORMAT, BASELINE_VERSION, type BaselineFile } from './file';
import { BaselineTrainer } from './fit';
import { hasNetwork, resolveBaselineConfig, type BaselineConfig } from './config';
import { couplingChain, intervalCouplings } from './coupling';
import { BaselineSampler } from './sampler';

/**
 * A baseline surrogate on the same data model as CLOT (standardised outputs,
 * the same conditions), answering the same `sampler(...).sample(λ)`:
 * - identity: not moving, the start rows' own outputs at every λ (the
 *   reference a surrogate must beat);
 * - nearest: the outputs of the nearest anchor in λ;
 * - mccann: straight-line (displacement) interpolation of the exact optimal
 *   coupling between consecutive anchors, per condition;
 * - cfm: a velocity network v(y, τ | x) trained by conditional flow matching
 *   between consecutive anchors (pairs drawn independently within each
 *   condition), integrated by the midpoint rule;
 * - ot-cfm: the same, with each training pair drawn from the exact optimal
 *   coupling of its interval (per condition) instead of independently;
 * - regression: a network (y_start, τ | x) → y fitted on every anchor, with
 *   targets paired to the first anchor by the coupling chain.
 * τ ∈ [0, 1] is λ rescaled over the anchor range.
 */
export class BaselineModel implements Surrogate {
  readonly config: BaselineConfig;
  readonly norm: Normalization;
  readonly D: number;
  readonly rows: Rows[];
  readonly taus: number[];
  readonly condSpec: CondSpec;
  /** chain[k][i]: the row of anchor k coupled to row i of the first anchor (nearest, mccann, regression). */
  readonly chain: Int32Array[];
  /** couplings[k][i]: the partner at anchor k+1 of row i of anchor k (ot-cfm's training pairs). */
  readonly couplings: Int32Array[];
  readonly net: Mlp | null;
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
    const couplingRng = new Rng(this.config.seed + 17);
    const usesChain = m === 'nearest' || m === 'mccann' || m === 'regression';
    this.chain = usesChain ? couplingChain(data, this.rows, this.D, couplingRng) : [];
    this.couplings = m === 'ot-cfm' ? intervalCouplings(data, this.rows, this.D, couplingRng) : [];
    this.net = hasNetwork(m)
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

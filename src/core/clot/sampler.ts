import * as tf from '@tensorflow/tfjs';
import type { SampleTable } from '../data/write-csv';
import { tidyOrNull } from '../nn/tidy';
import type { ClotModel, Rows } from './model';
import { locate } from './locate';
import { evaluateSnapshot, type SamplerSnapshot } from './snapshot';
import { resolveStart } from '../surrogate/start';
import type { StartOptions } from '../surrogate/types';

export { locate };

/**
 * Draws surrogate samples at any λ in the anchor range (method doc §4): the
 * first anchor's samples are pushed through T_0 … T_{k−1}, then the spline
 * from y to T_k(y) with φ = S(y, T_k(y), x) is read at the interval fraction.
 * The pushed samples and each interval's φ are cached, so a new λ inside an
 * interval already seen costs only the spline evaluation (plain JS).
 */
export class Sampler {
  /** Start rows (standardised): the first anchor's samples, resampled to n, or rows given by the caller. */
  readonly start: Rows;
  /** Indices into the first anchor of each start row (empty for caller-given rows). */
  readonly startIndex: Int32Array;
  /** Labels and conditions of the start rows, as written in the data. */
  private readonly outLabel?: Int32Array;
  private readonly outC?: Float32Array;
  /** Pushed samples Y_k (standardised), filled lazily; chain[0] = start. */
  private readonly chain: Float32Array[] = [];
  private readonly phis: (Float32Array | null)[] = [];

  /**
   * `n` start rows drawn from the first anchor (see pickRows in surrogate/start.ts), exactly the
   * rows `startIndex` of the first anchor, or caller-given rows `startRows`
   * (outputs at λ_0 in data units, with their labels or conditions), e.g. a
   * held-out window's forecast at the first anchor.
   */
  constructor(
    readonly model: ClotModel,
    opts: StartOptions = {},
  ) {
    const set = resolveStart(model.data, model.norm, opts);
    this.start = set.rows;
    this.startIndex = set.index ?? new Int32Array(0);
    this.outLabel = set.label;
    this.outC = set.c;
    this.chain[0] = this.start.y;
  }

  get n(): number {
    return this.start.n;
  }

  /** Pushed samples at anchor k (standardised). */
  private async pushed(k: number): Promise<Float32Array> {
    for (let j = this.chain.length; j <= k; j++) {
      const prev = this.chain[j - 1];
      const out = tf.tidy(() => {
        const cond = this.model.condTensor(this.start);
        return this.model.map(j - 1, tf.tensor2d(prev, [this.n, this.model.D]), cond);
      });
      this.chain[j] = (await out.data()) as Float32Array;
      out.dispose();
    }
    return this.chain[k];
  }

  /** Prepares interval k (pushes and φ) so that any λ inside it samples in plain JS. */
  async prepare(k: number): Promise<void> {
    if (this.phis[k] !== undefined) return;
    const y = await this.pushed(k);
    const z = await this.pushed(k + 1);
    const D = this.model.D;
    const phi = tidyOrNull(() => {
      const cond = this.model.condTensor(this.start);
      return this.model.phi(tf.tensor2d(y, [this.n, D]), tf.tensor2d(z, [this.n, D]), cond);
    });
    this.phis[k] = phi ? ((await phi.data()) as Float32Array) : null;
    phi?.dispose();
  }

  /** True when λ's interval is cached, so sampleCached can run synchronously. */
  isReady(lambda: number): boolean {
    const { k } = locate(this.model.lambdas, lambda);
    return this.phis[k] !== undefined;
  }

  async sample(lambda: number): Promise<SampleTable> {
    const { k } = locate(this.model.lambdas, lambda);
    await this.prepare(k);
    return this.sampleCached(lambda);
  }

  /** Samples at λ from the cache (throws if its interval was not prepared). */
  sampleCached(lambda: number): SampleTable {
    const m = this.model;
    const { k } = locate(m.lambdas, lambda);
    if (this.phis[k] === undefined) throw new Error(`interval ${k} is not prepared`);
    const y = evaluateSnapshot(this.partialSnapshot(), lambda);
    return { lambda, dimY: m.D, condition: m.data.condition, n: this.n, y, label: this.outLabel, c: this.outC };
  }

  private partialSnapshot(): SamplerSnapshot {
    const m = this.model;
    return {
      lambdas: m.lambdas,
      D: m.D,
      nodes: m.config.splineNodes,
      n: this.n,
      yMean: m.norm.yMean,
      yScale: m.norm.yScale,
      chain: this.chain,
      phis: this.phis as (Float32Array | null)[],
    };
  }

  /** Prepares every interval and returns the whole cache for tfjs-free sampling (e.g. on the UI thread). */
  async snapshot(): Promise<SamplerSnapshot> {
    for (let k = 0; k < this.model.intervals; k++) await this.prepare(k);
    const snap = this.partialSnapshot();
    return { ...snap, chain: snap.chain.map((a) => a.slice()), phis: snap.phis.map((p) => (p ? p.slice() : null)) };
  }

  /** Labels and conditions of the start rows (as in the data), aligned with every sample. */
  get startLabels(): Int32Array | undefined {
    return this.outLabel;
  }

  get startConditions(): Float32Array | undefined {
    return this.outC;
  }

  /** Forgets cached pushes and paths (after the weights change). */
  invalidate(): void {
    this.chain.length = 1;
    this.phis.length = 0;
  }
}

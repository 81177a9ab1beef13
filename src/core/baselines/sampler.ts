import * as tf from '@tensorflow/tfjs-core';
import { denormalizeY } from '../sampling/normalize';
import { locate } from '../sampling/locate';
import { gatherRows } from '../data/groups';
import type { SampleTable } from '../data/write-csv';
import { resolveStart, type StartSet } from '../sampling/start';
import type { PointSampler, StartOptions } from '../sampling/types';
import { matchFirstRows } from '../sampling/first-rows';
import { nearestRow } from '../sampling/nearest-row';
import { composePlans } from './coupling';
import type { BaselineModel } from './model';
import type { SamplerTools } from './methods/strategy';

/**
 * Samples a baseline at any λ in the anchor range from fixed start rows.
 * Start rows that are not rows of the first anchor (caller-given) borrow the
 * coupling of their nearest first-anchor row (same class; nearest condition
 * for continuous conditions, else nearest output) and keep their own offset
 * from it. The cfm / ot-cfm states at each anchor are cached, so a new λ
 * integrates only from the start of its interval. Identity returns the start
 * rows' outputs as given, untouched by standardising.
 */
export class BaselineSampler implements PointSampler, SamplerTools {
  private readonly start: StartSet;
  private nnCache: Int32Array | null = null;
  /** chainCache[k][i]: the row of anchor k start row i reaches along the plans. */
  private chainCache: Int32Array[] | null = null;
  private readonly states: Float32Array[] = [];
  /** The start rows' outputs in data units. */
  readonly startY: Float32Array;

  constructor(private readonly model: BaselineModel, opts: StartOptions) {
    this.start = resolveStart(model.data, model.norm, opts);
    this.states[0] = this.start.rows.y;
    const index = this.start.index;
    this.startY = index ? gatherRows(model.data.anchors[0].y, index, model.D) : opts.startRows!.y;
  }

  get n(): number {
    return this.start.rows.n;
  }

  async sample(lambda: number): Promise<SampleTable> {
    const m = this.model;
    const { k, s } = locate(m.lambdas, lambda);
    const { y, units } = await m.strategy.at(this, { k, s, tau: m.tau(lambda) });
    return { lambda, dimY: m.D, condition: m.data.condition, n: this.n, y: units === 'data' ? y : denormalizeY(y, m.D, m.norm), label: this.start.label, c: this.start.c };
  }

  /** Start rows moved along the coupling chain to anchor k (standardised). */
  coupledAt(k: number): Float32Array {
    const m = this.model;
    const D = m.D;
    const nn = this.nearestFirstRows();
    const y0 = m.rows[0].y;
    const yk = m.rows[k].y;
    const out = new Float32Array(this.n * D);
    const sy = this.start.rows.y;
    // Per start row: repeats of a first-anchor row fan out over its partners where an anchor has more rows.
    this.chainCache ??= composePlans(m.plans, nn);
    for (let i = 0; i < this.n; i++) {
      const r = nn[i];
      const p = this.chainCache[k][i];
      for (let d = 0; d < D; d++) out[i * D + d] = sy[i * D + d] + yk[p * D + d] - y0[r * D + d];
    }
    return out;
  }

  /**
   * For each start row, itself (when it is a first-anchor row: equal rows spread over every match,
   * matchFirstRows) or its nearest first-anchor row: of the same class, by condition where
   * conditions are continuous (equal conditions then by output), else by output.
   */
  private nearestFirstRows(): Int32Array {
    if (this.nnCache) return this.nnCache;
    if (this.start.index) return (this.nnCache = this.start.index);
    const m = this.model;
    const first = m.rows[0];
    const start = this.start.rows;
    const D = m.D;
    const C = m.condSpec.kind === 'continuous' ? m.condSpec.dim : 0;
    const out = matchFirstRows(first, start, D);
    for (let i = 0; i < start.n; i++) {
      if (out[i] >= 0) continue;
      const best = nearestRow(first, start, i, start.y, D, C);
      if (best < 0) throw new Error(`start row ${i} has a class the first anchor lacks`);
      out[i] = best;
    }
    return (this.nnCache = out);
  }

  async regress(tau: number): Promise<Float32Array> {
    const m = this.model;
    const rows = this.start.rows;
    const out = tf.tidy(() => {
      const y = tf.tensor2d(rows.y, [rows.n, m.D]);
      return tf.add(y, m.apply(y, tau, m.condTensor(rows)));
    });
    const z = (await out.data()) as Float32Array;
    out.dispose();
    return z;
  }

  /** Integrates the flow-matching velocity from the cached state at anchor k to τ. */
  async flow(k: number, tau: number): Promise<Float32Array> {
    const m = this.model;
    for (let j = this.states.length; j <= k; j++) this.states[j] = await this.integrate(this.states[j - 1], j - 1, m.taus[j]);
    return tau === m.taus[k] ? this.states[k] : this.integrate(this.states[k], k, tau);
  }

  /** Midpoint rule from τ_k to `to` inside interval k: odeSteps per whole interval, at least one. */
  private async integrate(y0: Float32Array, k: number, to: number): Promise<Float32Array> {
    const m = this.model;
    const rows = this.start.rows;
    const from = m.taus[k];
    const steps = Math.max(1, Math.ceil((m.config.odeSteps * (to - from)) / (m.taus[k + 1] - from) - 1e-9));
    const h = (to - from) / steps;
    const out = tf.tidy(() => {
      const cond = m.condTensor(rows);
      let y = tf.tensor2d(y0, [rows.n, m.D]);
      for (let i = 0; i < steps; i++) {
        const t = from + i * h;
        const half = tf.add(y, tf.mul(m.apply(y, t, cond), h / 2)) as tf.Tensor2D;
        y = tf.add(y, tf.mul(m.apply(half, t + h / 2, cond), h)) as tf.Tensor2D;
      }
      return y;
    });
    const z = (await out.data()) as Float32Array;
    out.dispose();
    return z;
  }
}

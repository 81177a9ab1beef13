import * as tf from '@tensorflow/tfjs-core';
import { HtiError } from '../errors';
import { resolveConfig, variantParts, type ClotConfig, type MetricKind } from '../config';
import { conditionKeys, gatherRows } from '../data/groups';
import { composePlans } from '../baselines/coupling';
import { splineKnotsAtLambda } from './spline-knots';
import { chooseWidthProfile, type WidthEvidence } from './width-profile';
import type { AnchorSet } from '../data/types';
import { PathGeometry } from '../geometry/energy';
import { Metric } from '../geometry/metric';
import { DensityPotential, type DensityContext } from '../geometry/potential';
import { condSpecFor, condTensorFor, Mlp, type CondSpec, type CondTensor } from '../nn/mlp';
import { Rng } from '../random';
import { resolveBandwidth } from '../geometry/bandwidth';
import { type PotentialReason, resolvePotentialWeight } from '../geometry/potential-weight';
import type { ResolvedPotential } from './model-file';
import { type MetricChoice, metricLearns, withoutPotential } from '../geometry/straight-check';
import { groupMeans } from './group-stats';
import { measureMoveNoise } from './move-noise';
import { groupLengths, steadyLengths, turnsBack } from './pace';
import type { CouplingPlan } from '../baselines/coupling';
import { fitNormalization, standardizeAnchors, type Normalization } from '../sampling/normalize';
import type { Rows } from '../sampling/types';


/**
 * The CLOT surrogate: for each interval k a potential g_k and a residual map
 * T_k(y | x) = y + MLP(y, x); a shared metric G(q | x); an optional density
 * potential U; and a shared path network S(y, y′, x) → spline coefficients.
 * Everything works in standardised units (see normalize.ts).
 */
export class ClotModel {
  readonly config: ClotConfig;
  readonly norm: Normalization;
  readonly D: number;
  readonly intervals: number;
  readonly condSpec: CondSpec;
  readonly g: Mlp[] = [];
  readonly T: Mlp[] = [];
  readonly path: Mlp | null;
  readonly metric: Metric;
  readonly potential: DensityPotential | null;
  readonly geometry: PathGeometry;
  /** Data bounds per output dim (standardised), padded by 5 % of the range; the c-transform clips to them. */
  readonly lo: number[];
  readonly hi: number[];
  /** Anchors in standardised units. */
  readonly rows: Rows[];
  /** The potential's bandwidth h_y in standardised units: the config's, or what 'auto' resolves to for this data (or resolved to when a file was saved). */
  readonly bandwidth: number;
  /** The potential's weight α: the config's, or what 'auto' resolves to for this data, or the file's for 'auto' (0: no potential; always 0 for a variant without one). */
  readonly alpha: number;
  /** Why 'auto' chose that weight; null where the config sets a number, the variant has no potential, or a file's saved weight differs from this build's rule. */
  readonly alphaReason: PotentialReason | null;
  /** For a variant with a learned metric: whether it learns or is held at G = I (with paths on the transport spline, or straight), and the skip-one ratio (geometry/straight-check.ts); null for other variants. */
  readonly metricChoice: MetricChoice | null;

  /** Whether each sample's path is the natural cubic through its coupled anchors (metricChoice.spline). */
  get followsSpline(): boolean {
    return this.metricChoice?.spline === true;
  }
  /** Training steps taken so far (restored from a model file). */
  stepsDone = 0;
  /**
   * The coupled solver's pairs: coupling[k] pairs every row of anchor k with
   * rows of anchor k+1 (one partner each where the counts agree; see
   * CouplingPlan). Null before training or for the semi-dual solver. Saved
   * with the model.
   */
  coupling: CouplingPlan[] | null = null;
  /**
   * Calibrated timing: how much samples linger where the density is high,
   * time ∝ length · (p̂/p̂_max)^linger along each path (0 = constant speed).
   * Chosen from the anchors when the coupled solver starts (linger.ts).
   */
  linger = 0;

  /**
   * `saved` gives the weight and bandwidth a model file was trained with, so that a file whose config
   * says 'auto' rebuilds the same model even where this build's rule would choose differently.
   */
  constructor(readonly data: AnchorSet, config: Partial<ClotConfig> = {}, saved?: ResolvedPotential, savedMetric?: MetricChoice) {
    this.config = resolveConfig(config);
    const cfg = this.config;
    const { metric: variantMetric, potential: variantPotential } = variantParts(cfg.variant);
    this.D = data.dimY;
    if (variantMetric === 'fixed' && this.D !== 2) {
      throw new HtiError(`the ${cfg.variant} variant needs 2-D outputs; this data has D = ${this.D}`);
    }
    this.intervals = data.anchors.length - 1;
    this.norm = fitNormalization(data);
    const cond = data.condition;
    this.condSpec = condSpecFor(cond, cfg.embedDim);
    this.rows = standardizeAnchors(data, this.norm);
    // A saved value stands in only for 'auto'; a number in the config is used as given.
    this.bandwidth = saved && cfg.bandwidth === 'auto' ? saved.bandwidth : resolveBandwidth(cfg.bandwidth, data, this.rows);
    const savedAuto = saved && variantPotential && cfg.alpha === 'auto' ? saved : undefined;
    if (savedAuto?.reason !== undefined) {
      // The file says what 'auto' chose and why: no need to trace the evidence again.
      this.alpha = savedAuto.alpha;
      this.alphaReason = savedAuto.reason;
    } else {
      const weight = variantPotential ? resolvePotentialWeight(cfg.alpha, data, this.rows) : { alpha: 0, reason: null };
      this.alpha = savedAuto ? savedAuto.alpha : weight.alpha;
      // Where an older file's weight is not what this build's rule chose, the rule's reason does not apply.
      this.alphaReason = this.alpha === weight.alpha ? weight.reason : null;
    }
    const usePotential = variantPotential && this.alpha > 0;
    // A learned metric learns only where the anchors leave straight lines; elsewhere it is held at G = I.
    // Where 'auto' turned the potential off, paths follow the transport spline where the curve is clear and
    // are straight lines where it is faint (withoutPotential; a weight set to 0 by hand keeps the metric).
    // A file keeps the choice it was trained with.
    // The published semi-dual solver keeps its metric learning as published; learnMetric 'always' asks for it too.
    const ruled = variantMetric === 'learned' && cfg.solver === 'coupled' && cfg.learnMetric === 'auto';
    this.metricChoice = ruled ? (savedMetric ?? withoutPotential(metricLearns(data, this.rows), variantPotential && cfg.alpha === 'auto' && this.alpha === 0)) : null;
    const metricKind: MetricKind = this.metricChoice && !this.metricChoice.learns ? 'euclidean' : variantMetric;
    [this.lo, this.hi] = this.bounds();

    const rng = new Rng(cfg.seed);
    const D = this.D;
    for (let k = 0; k < this.intervals; k++) {
      this.g.push(new Mlp(`g${k}`, D, cfg.hidden, 1, this.condSpec, { activation: 'relu', outScale: 1 }, rng));
      this.T.push(new Mlp(`T${k}`, D, cfg.hidden, D, this.condSpec, { activation: 'relu', outScale: 0.1 }, rng));
    }
    this.metric = new Metric(metricKind, D, cfg.metricHidden, this.condSpec, rng);
    const needsPath = metricKind !== 'euclidean' || usePotential;
    // With G = I and no potential the straight line is the geodesic: no path network is needed.
    this.path = needsPath
      ? new Mlp('path', 2 * D, cfg.pathHidden, cfg.splineNodes * D, this.condSpec, { activation: 'relu', outScale: 0 }, rng)
      : null;
    this.potential = usePotential ? this.densityPotential() : null;
    this.geometry = new PathGeometry(D, cfg.splineNodes, cfg.pathPoints, this.metric, this.potential, this.alpha);
  }

  /** Mean Euclidean length (standardised) of the coupled moves of each interval, or null without a coupling. */
  moveLengths(): number[] | null {
    return this.coupling ? this.coupling.map((_, k) => this.pairLengths(k).reduce((a, b) => a + b, 0) / this.coupling![k].src.length) : null;
  }

  /** The Euclidean length (standardised) of each coupled pair of interval k. */
  private pairLengths(k: number): Float64Array {
    const { src, dst } = this.coupling![k];
    const D = this.D;
    const a = this.rows[k].y;
    const b = this.rows[k + 1].y;
    return Float64Array.from(src, (r, p) => {
      let s = 0;
      for (let d = 0; d < D; d++) s += (b[dst[p] * D + d] - a[r * D + d]) ** 2;
      return Math.sqrt(s);
    });
  }

  /** The sampling noise in each interval's mean coupled move, once measured (or as read from the model file). */
  paceNoise: number[] | null = null;
  /** The same per condition group (move-noise.ts): undefined until measured, null where the pace is not kept per group. */
  paceGroupNoise: Record<string, number[]> | null | undefined = undefined;

  /** Whether the calibrated pace follows the coupled moves: calibrated timing, a coupling, three or more anchors. */
  private pacesMoves(): boolean {
    return this.config.timing === 'calibrated' && this.coupling !== null && this.intervals >= 2;
  }

  private measurePaceNoise(): void {
    const measured = measureMoveNoise(this.data, this.rows);
    // Values read from the model file are kept as saved.
    this.paceNoise ??= measured.intervals;
    if (this.paceGroupNoise === undefined) this.paceGroupNoise = measured.groups;
  }

  /** paceNoise, measured on first use, where the calibrated pace uses it (three or more anchors, coupled); else null. */
  moveNoise(): number[] | null {
    if (!this.pacesMoves()) return null;
    if (this.paceNoise === null) this.measurePaceNoise();
    return this.paceNoise;
  }

  /** paceGroupNoise, measured on first use, where a pace per group applies; else null. */
  groupMoveNoise(): Record<string, number[]> | null {
    if (!this.pacesMoves()) return null;
    if (this.paceGroupNoise === undefined) this.measurePaceNoise();
    return this.paceGroupNoise ?? null;
  }

  /**
   * How groups' widths run between anchors (width-profile.ts), decided from the anchors and the pace
   * once per coupling; null where they stay as the paths leave them ('linear', or no group shows another law).
   */
  widthEvidence(): WidthEvidence | null {
    // Decided again once the coupled solver's pairs arrive: the pace that places the interior anchors follows them.
    if (this.widthChoice !== undefined && this.widthChoiceFor === this.coupling) return this.widthChoice;
    this.widthChoiceFor = this.coupling;
    const K = this.intervals;
    if (this.config.widthProfile !== 'auto' || K < 2) return (this.widthChoice = null);
    const shared = this.paceLengths();
    const own = this.groupPaceLengths();
    // Where each interior anchor sits between its neighbours, as progress along the pace the group's rows
    // follow (its own where it keeps one: a cloud shrinking in place has a pace set by its widths, along
    // which they change linearly), else in λ.
    const fractions = (key: string) =>
      Array.from({ length: K - 1 }, (_, i) => {
        const k = i + 1;
        const lengths = own?.[key] ?? shared;
        const moved = lengths ? lengths[k - 1] + lengths[k] : 0;
        if (lengths && moved > 1e-12) return lengths[k - 1] / moved;
        return (this.lambdas[k] - this.lambdas[k - 1]) / (this.lambdas[k + 1] - this.lambdas[k - 1]);
      });
    return (this.widthChoice = chooseWidthProfile(this.data, this.rows, fractions));
  }

  private widthChoice?: WidthEvidence | null;
  private widthChoiceFor: CouplingPlan[] | null = null;

  /**
   * The moves the calibrated pace follows (pace.ts): the coupled moves, with speed differences that
   * sampling noise explains taken out. null without a coupling or with calibrated timing off.
   */
  paceLengths(): number[] | null {
    const lengths = this.config.timing === 'calibrated' ? this.moveLengths() : null;
    const noise = this.moveNoise();
    return lengths && noise ? steadyLengths(this.lambdas, lengths, noise) : lengths;
  }

  /**
   * Per condition key, the moves that group's own pace follows (pace.ts groupLengths), where the
   * condition groups recur at every anchor; null where one pace serves every row.
   */
  groupPaceLengths(): Record<string, number[]> | null {
    const noise = this.groupMoveNoise();
    const steady = noise ? this.paceLengths() : null;
    if (!noise || !steady) return null;
    const sums: Record<string, number[]> = {};
    const counts: Record<string, number[]> = {};
    this.coupling!.forEach(({ src }, k) => {
      const keys = conditionKeys(this.data, this.data.anchors[k]);
      this.pairLengths(k).forEach((len, p) => {
        const key = keys[src[p]];
        sums[key] ??= Array(this.intervals).fill(0);
        counts[key] ??= Array(this.intervals).fill(0);
        sums[key][k] += len;
        counts[key][k]++;
      });
    });
    const lengths = Object.fromEntries(Object.entries(sums).map(([key, s]) => [key, s.map((v, k) => v / Math.max(counts[key][k], 1))]));
    const own = groupLengths(this.lambdas, steady, lengths, noise);
    for (const key of this.groupsTurningBack()) delete own[key];
    return own;
  }

  /**
   * On the transport spline, the condition groups whose path turns back at an anchor (pace.ts
   * turnsBack): their chords count the travel short, so they keep the shared pace and knots rather
   * than their own. Empty on other paths.
   */
  groupsTurningBack(): string[] {
    const noise = this.followsSpline ? this.groupMoveNoise() : null;
    if (!noise) return [];
    const moves = this.groupMeanMoves();
    return Object.keys(moves).filter((key) => noise[key] && turnsBack(moves[key], noise[key]));
  }

  /** Per condition key, the change in the group's mean output (standardised) over each interval. */
  private groupMeanMoves(): Record<string, Float64Array[]> {
    const D = this.D;
    const means = this.rows.map((r, k) => {
      const keys = conditionKeys(this.data, this.data.anchors[k]);
      const names = [...new Set(keys)];
      const index = new Map(names.map((key, g) => [key, g]));
      const mean = groupMeans(r.y, Int32Array.from(keys, (key) => index.get(key)!), D, names.length);
      return new Map(names.map((key, g) => [key, mean.subarray(g * D, (g + 1) * D)]));
    });
    const out: Record<string, Float64Array[]> = {};
    for (const key of means[0].keys()) {
      const at = means.map((m) => m.get(key));
      if (at.every((m) => m)) out[key] = at.slice(1).map((b, k) => b!.map((v, d) => v - at[k]![d]));
    }
    return out;
  }

  private knotsAtLambda?: boolean;

  /**
   * For the transport spline (followsSpline): whether its knots sit at λ rather than at the pace's
   * progress (clot/spline-knots.ts), decided once from every first-anchor row's coupled chain, so
   * that every sampler of this model draws the same curves.
   */
  splineKnotsAtLambda(): boolean {
    if (this.knotsAtLambda !== undefined) return this.knotsAtLambda;
    const lengths = this.paceLengths();
    if (!lengths || !this.coupling) return true;
    const D = this.D;
    const rows = Int32Array.from({ length: this.rows[0].n }, (_, i) => i);
    const chain = composePlans(this.coupling, rows).map((idx, j) => gatherRows(this.rows[j].y, idx, D));
    this.knotsAtLambda = splineKnotsAtLambda(this.lambdas, lengths, chain, D);
    return this.knotsAtLambda;
  }

  get lambdas(): number[] {
    return this.data.anchors.map((a) => a.lambda);
  }

  private bounds(): [number[], number[]] {
    const D = this.D;
    const lo = Array(D).fill(Infinity);
    const hi = Array(D).fill(-Infinity);
    for (const r of this.rows) {
      for (let i = 0; i < r.n; i++) {
        for (let d = 0; d < D; d++) {
          lo[d] = Math.min(lo[d], r.y[i * D + d]);
          hi[d] = Math.max(hi[d], r.y[i * D + d]);
        }
      }
    }
    const pad = lo.map((l, d) => 0.05 * Math.max(hi[d] - l, 1e-3));
    return [lo.map((l, d) => l - pad[d]), hi.map((h, d) => h + pad[d])];
  }

  private pool() {
    const D = this.D;
    const total = this.rows.reduce((s, r) => s + r.n, 0);
    const y = new Float32Array(total * D);
    const cond = this.data.condition;
    const label = cond.kind === 'class' ? new Int32Array(total) : undefined;
    const C = cond.kind === 'continuous' ? cond.dim : 0;
    const c = C ? new Float32Array(total * C) : undefined;
    let off = 0;
    for (const r of this.rows) {
      y.set(r.y, off * D);
      if (label) label.set(r.label!, off);
      if (c) c.set(r.c!, off * C);
      off += r.n;
    }
    return { dim: D, y, label, numClasses: cond.kind === 'class' ? cond.values.length : 0, c, condDim: C };
  }

  /** Network condition tensor for rows (labels or standardised conditions), or null. */
  condTensor(rows: Rows): CondTensor {
    return condTensorFor(this.condSpec, rows);
  }

  /** What the density potential needs per row (labels or Nadaraya–Watson neighbours). */
  densityContext(rows: Rows): DensityContext {
    if (!this.potential) return {};
    if (this.potential.mode === 'nw') {
      const { idx, w, k } = this.potential.neighboursFor(rows.c!, rows.n);
      return { nbIdx: tf.tensor2d(idx, [rows.n, k], 'int32'), nbW: tf.tensor2d(w, [rows.n, k]) };
    }
    if (rows.label) return { labels: tf.tensor1d(rows.label, 'int32') };
    return {};
  }

  /**
   * log(p̂/p̂_max) of the density potential at `perRow` points of each row of
   * `rows` (points: n × perRow × D, standardised), or null without a potential.
   */
  async densityAlong(points: Float32Array, rows: Rows, perRow: number): Promise<Float32Array | null> {
    const pot = this.timingDensity();
    if (!pot) return null;
    const ctx = this.densityContext(rows);
    const out = tf.tidy(() => {
      const rep = tf.tensor1d(Int32Array.from({ length: rows.n * perRow }, (_, i) => Math.floor(i / perRow)), 'int32');
      const expand = <T extends tf.Tensor>(t: T | undefined) => (t ? (tf.gather(t, rep) as T) : undefined);
      const q = tf.tensor2d(points, [rows.n * perRow, this.D]);
      return pot.logRatio(q, { labels: expand(ctx.labels), nbIdx: expand(ctx.nbIdx), nbW: expand(ctx.nbW) });
    });
    for (const t of [ctx.labels, ctx.nbIdx, ctx.nbW]) t?.dispose();
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  /**
   * The density that sets how long samples linger (calibrated timing): the
   * potential's own when it is a KDE, else a KDE over the same pool. Lingering
   * is about how much mass sits somewhere, which the nearest-sample kernel,
   * flat over sparse and dense data alike, does not measure.
   */
  private timingDensity(): DensityPotential | null {
    if (!this.potential) return null;
    if (this.potential.kernel === 'kde' && this.potential.depth === 0) return this.potential;
    this.kdeForTiming ??= this.densityPotential('kde', 0);
    return this.kdeForTiming;
  }

  /** A density potential over every anchor with this model's settings, or another kernel and depth. */
  private densityPotential(kernel = this.config.potentialKernel, depth = this.config.potentialDepth): DensityPotential {
    const cfg = this.config;
    const opts = { grid: cfg.potentialGrid, maxPool: cfg.kdeMaxPool, neighbours: cfg.nwNeighbours, kernel, depth };
    return new DensityPotential(this.pool(), this.bandwidth, cfg.condBandwidth, opts, new Rng(cfg.seed + 7919));
  }

  private kdeForTiming?: DensityPotential;

  /** T_k(y | x) = y + MLP(y, x). */
  map(k: number, y: tf.Tensor2D, cond: CondTensor): tf.Tensor2D {
    return tf.add(y, this.T[k].apply(y, cond)) as tf.Tensor2D;
  }

  /** g_k(y | x), [B]. */
  potentialNet(k: number, y: tf.Tensor2D, cond: CondTensor): tf.Tensor1D {
    return this.g[k].apply(y, cond).reshape([y.shape[0]]) as tf.Tensor1D;
  }

  /** Spline coefficients φ = S(y, y′, x) [B, n·D], or null when paths are straight. */
  phi(y: tf.Tensor2D, z: tf.Tensor2D, cond: CondTensor): tf.Tensor2D | null {
    if (!this.path) return null;
    return this.path.apply(tf.concat([y, z], 1) as tf.Tensor2D, cond);
  }

  /** Every trainable network, by the name used in model files. */
  networks(): Mlp[] {
    const nets = [...this.g, ...this.T];
    if (this.metric.net) nets.push(this.metric.net);
    if (this.path) nets.push(this.path);
    return nets;
  }

  dispose(): void {
    for (const n of this.networks()) n.dispose();
    this.metric.dispose();
    this.potential?.dispose();
    this.kdeForTiming?.dispose();
    this.geometry.dispose();
  }
}

import { matchFirstRows } from '../sampling/first-rows';
import * as tf from '@tensorflow/tfjs-core';
import type { SampleTable } from '../data/write-csv';
import { tidyOrNull } from '../tfjs/tidy';
import type { ClotModel } from './model';
import { locate } from '../sampling/locate';
import { composePlans } from '../baselines/coupling';
import { lingerWeights, pathPoints, progressTable, WARP_POINTS } from './timing';
import { evaluateSnapshot, type SamplerSnapshot } from './snapshot';
import { resolveStart } from '../sampling/start';
import { conditionKeys } from '../data/groups';
import { naturalSplineTangents } from '../geometry/natural-spline';
import { knotsFrom } from './spline-knots';
import { type AnchorResiduals, addResiduals, anchorResiduals } from './map-residuals';
import type { Rows, StartOptions } from '../sampling/types';
import { profileFor, type SplineMaps, type WidthProfile } from './width-profile';


/**
 * Draws surrogate samples at any λ in the anchor range (method doc §4): the
 * first anchor's samples are pushed through T_0 … T_{k−1}, then the spline
 * from y to T_k(y) with φ = S(y, T_k(y), x) is read at the interval fraction
 * (where the model follows the transport spline: the natural cubic through
 * each row's pushed samples at every anchor).
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
  private readonly warps: (Float32Array | null)[] = [];
  /** The transport spline's tangents at every anchor and its knots (snapshot.ts), where the model follows it. */
  private tangents?: Float32Array[];
  private knots?: number[];
  private groupKnots?: number[][];

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

  /**
   * Pushed samples at anchor k (standardised). Rows of the first anchor follow
   * the coupled solver's pairs, so they land exactly on the anchors' own
   * samples; other rows (new inputs) go through the learned maps T_j.
   */
  private async pushed(k: number): Promise<Float32Array> {
    const m = this.model;
    const D = m.D;
    const coupled = this.coupledRows();
    for (let j = this.chain.length; j <= k; j++) {
      const prev = this.chain[j - 1];
      let next: Float32Array;
      if (coupled?.rows.every((r) => r >= 0)) next = new Float32Array(this.n * D);
      else {
        const out = tf.tidy(() => m.map(j - 1, tf.tensor2d(prev, [this.n, D]), m.condTensor(this.start)));
        next = (await out.data()) as Float32Array;
        out.dispose();
        // New rows also take the scatter the map averages away (map-residuals.ts).
        const res = coupled ? await this.residuals(j - 1) : null;
        if (res) addResiduals(res, m.rows[j - 1], this.start, prev, next, (i) => coupled!.chain[j][i] < 0, D);
      }
      if (coupled) {
        const yj = m.rows[j].y;
        coupled.chain[j].forEach((r, i) => {
          if (r >= 0) next.set(yj.subarray(r * D, (r + 1) * D), i * D);
        });
      }
      this.chain[j] = next;
    }
    return this.chain[k];
  }

  /** Interval k's residuals at anchor k's rows (map-residuals.ts), once per interval; null where none apply. */
  private async residuals(k: number): Promise<AnchorResiduals | null> {
    const cached = this.residualCache.get(k);
    if (cached !== undefined) return cached;
    const m = this.model;
    const rows = m.rows[k];
    const plan = m.coupling?.[k];
    let res: AnchorResiduals | null = null;
    if (plan) {
      const out = tf.tidy(() => m.map(k, tf.tensor2d(rows.y, [rows.n, m.D]), m.condTensor(rows)));
      const predicted = (await out.data()) as Float32Array;
      out.dispose();
      res = anchorResiduals(rows, m.rows[k + 1], plan, predicted, m.D);
    }
    this.residualCache.set(k, res);
    return res;
  }

  private readonly residualCache = new Map<number, AnchorResiduals | null>();

  /** For the coupled solver: each start row's first-anchor row (−1 for a new input) and, per anchor, the row each start row reaches. */
  private coupledRows(): { rows: Int32Array; chain: Int32Array[] } | null {
    const m = this.model;
    if (!m.coupling) return null;
    if (!this.coupledCache) {
      const rows = this.startIndex.length === this.n ? this.startIndex : matchFirstRows(m.rows[0], this.start, m.D);
      this.coupledCache = { rows, chain: composePlans(m.coupling, rows) };
    }
    return this.coupledCache;
  }

  private coupledCache: { rows: Int32Array; chain: Int32Array[] } | null = null;
  private groups?: Int32Array;
  /** groupPaces' answer once worked out (null: none). */
  private paces?: SamplerSnapshot['groupPaces'] | null;

  /** Prepares interval k (pushes, φ and timing) so that any λ inside it samples in plain JS. */
  async prepare(k: number): Promise<void> {
    if (this.phis[k] !== undefined) return;
    const y = await this.pushed(k);
    const z = await this.pushed(k + 1);
    const m = this.model;
    const D = m.D;
    const phi = tidyOrNull(() => {
      const cond = m.condTensor(this.start);
      return m.phi(tf.tensor2d(y, [this.n, D]), tf.tensor2d(z, [this.n, D]), cond);
    });
    const phiData = phi ? ((await phi.data()) as Float32Array) : null;
    phi?.dispose();
    if (m.followsSpline) await this.splineTangents();
    if (this.profile === undefined) this.profile = this.chooseProfile();
    this.warps[k] = phiData && m.config.timing !== 'uniform' ? await this.timeWarp(y, z, phiData) : null;
    this.phis[k] = phiData;
  }

  /**
   * The transport spline (model.followsSpline), once: every start row pushed to every anchor, and
   * the tangents there of the natural cubic through its pushed samples. Its knots sit at λ or at the
   * pace's progress (the cumulative coupled moves, the interval means steadied against noise; each
   * group with a pace of its own gets its own), as model.splineKnotsAtLambda chose; at λ under
   * other timings or where an interval shows no move at all. Each row is read at the interval
   * fraction the pace gives it (snapshot.ts), so the knots shape the curve and the pace times it.
   */
  private async splineTangents(): Promise<void> {
    if (this.tangents) return;
    const m = this.model;
    const K = m.intervals;
    for (let j = 0; j <= K; j++) await this.pushed(j);
    const lengths = m.paceLengths();
    // Knots at λ where the anchors say the cubic fits better there (spline-knots.ts), else at progress.
    const atLambda = !lengths || m.splineKnotsAtLambda();
    const knots = knotsFrom(atLambda ? null : lengths, m.lambdas);
    const paces = lengths && !atLambda ? this.groupPaces() : undefined;
    const groupKnots = paces?.lengths.map((L) => knotsFrom(L, m.lambdas));
    const maps = [knots, ...(groupKnots ?? [])].map((x) => naturalSplineTangents(x));
    this.splineMaps = { maps, knots: [knots, ...(groupKnots ?? [])], row: paces?.row };
    const D = m.D;
    this.tangents = Array.from({ length: K + 1 }, () => new Float32Array(this.n * D));
    for (let i = 0; i < this.n; i++) {
      // Row i's own group's map where it keeps a pace of its own, else the shared one.
      const A = maps[paces && paces.row[i] >= 0 ? paces.row[i] + 1 : 0];
      for (let j = 0; j <= K; j++) {
        const t = this.tangents[j];
        for (let l = 0; l <= K; l++) {
          const a = A[j][l];
          if (a === 0) continue;
          const c = this.chain[l];
          for (let d = 0; d < D; d++) t[i * D + d] += a * c[i * D + d];
        }
      }
    }
    this.knots = knots;
    this.groupKnots = groupKnots;
  }

  /**
   * The model's width profile (width-profile.ts) for the start rows: each group's widths at the
   * anchors, by its condition key (as ownPaces keys them); null where widths stay as the paths leave them.
   */
  private chooseProfile(): WidthProfile | null {
    const m = this.model;
    const evidence = m.widthEvidence();
    const groups = (this.groups ??= spreadGroups(this.start));
    if (!evidence || !groups) return null;
    return profileFor(evidence, groups, this.startKeys(), m.lambdas.length, this.splineMaps);
  }

  /** The start rows' own conditions, keyed as the anchors' (conditionKeys): drawn or given rows alike; worked out once. */
  private startKeys(): string[] {
    const m = this.model;
    return (this.keys ??= conditionKeys(m.data, { lambda: m.lambdas[0], n: this.n, y: this.start.y, label: this.outLabel, c: this.outC }));
  }

  private keys?: string[];

  private profile?: WidthProfile | null;
  /** The transport spline's tangent maps and knots (shared first, then each own pace's), and each row's own pace, for the width profile. */
  private splineMaps?: SplineMaps;

  /** Constant speed along each path, or (calibrated timing with a lingering potential) time ∝ length · (p̂/p̂_max)^linger. */
  private async timeWarp(y: Float32Array, z: Float32Array, phi: Float32Array): Promise<Float32Array> {
    const m = this.model;
    const points = pathPoints(y, z, phi, this.n, m.D, m.config.splineNodes);
    const linger = m.config.timing === 'calibrated' ? m.linger : 0;
    const logRatio = linger > 0 ? await m.densityAlong(points, this.start, WARP_POINTS) : null;
    return progressTable(points, this.n, m.D, logRatio ? lingerWeights(logRatio, linger) : undefined);
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
      warps: this.warps,
      tangents: this.tangents,
      knots: this.knots,
      groupKnots: this.groupKnots,
      lengths: m.paceLengths() ?? undefined,
      groups: (this.groups ??= spreadGroups(this.start)),
      groupPaces: this.groupPaces(),
      widthProfile: this.profile ?? undefined,
    };
  }

  /** Each group's own pace (SamplerSnapshot.groupPaces), worked out once; undefined where every row keeps the shared pace. */
  private groupPaces(): SamplerSnapshot['groupPaces'] {
    if (this.paces === undefined) this.paces = this.ownPaces();
    return this.paces ?? undefined;
  }

  private ownPaces(): SamplerSnapshot['groupPaces'] | null {
    const m = this.model;
    const byKey = m.groupPaceLengths();
    const names = byKey ? Object.keys(byKey) : [];
    if (!byKey || names.length === 0) return null;
    const index = new Map(names.map((key, g) => [key, g]));
    const row = Int32Array.from(this.startKeys(), (key) => index.get(key) ?? -1);
    return row.some((g) => g >= 0) ? { lengths: names.map((key) => byKey[key]), row } : null;
  }

  /** Prepares every interval and returns the whole cache for tfjs-free sampling (e.g. on the UI thread). */
  async snapshot(): Promise<SamplerSnapshot> {
    for (let k = 0; k < this.model.intervals; k++) await this.prepare(k);
    const snap = this.partialSnapshot();
    const copy = (a: Float32Array | null) => (a ? a.slice() : null);
    return {
      ...snap,
      chain: snap.chain.map((a) => a.slice()),
      phis: snap.phis.map(copy),
      warps: this.warps.map(copy),
      tangents: snap.tangents?.map((a) => a.slice()),
      knots: snap.knots?.slice(),
      groupKnots: snap.groupKnots?.map((x) => x.slice()),
      groups: snap.groups?.slice(),
      groupPaces: snap.groupPaces && { lengths: snap.groupPaces.lengths.map((L) => L.slice()), row: snap.groupPaces.row.slice() },
      widthProfile: snap.widthProfile && {
        ...snap.widthProfile,
        powers: snap.widthProfile.powers.slice(),
        widths: snap.widthProfile.widths.slice(),
        spline: snap.widthProfile.spline && { tangents: snap.widthProfile.spline.tangents.slice(), knots: snap.widthProfile.spline.knots.slice() },
      },
    };
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
    this.warps.length = 0;
    this.tangents = undefined;
    this.knots = undefined;
    this.groupKnots = undefined;
    this.coupledCache = null;
    this.residualCache.clear();
    this.paces = undefined;
    this.profile = undefined;
    this.splineMaps = undefined;
  }
}

/**
 * Groups of start rows for the spread guard (snapshot.ts): by class, by
 * condition value where every value repeats, one group without a condition;
 * undefined where some input appears once (its spread says nothing).
 */
function spreadGroups(start: Rows): Int32Array | undefined {
  if (start.label) return start.label;
  if (!start.c) return new Int32Array(start.n);
  const C = start.c.length / start.n;
  const ids = new Map<string, number>();
  const counts: number[] = [];
  const groups = Int32Array.from({ length: start.n }, (_, i) => {
    const key = Array.from(start.c!.subarray(i * C, (i + 1) * C)).join(',');
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = counts.push(0) - 1));
    counts[id]++;
    return id;
  });
  return counts.every((c) => c > 1) ? groups : undefined;
}

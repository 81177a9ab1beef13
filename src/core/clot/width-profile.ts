import { conditionKeys, gatherRows, groupRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { MIN_SPREAD_ROWS } from '../geometry/bandwidth';
import { hermiteBend } from '../geometry/natural-spline';
import type { Rows } from '../sampling/types';
import { groupMeans, groupStats } from './group-stats';

/**
 * How each group's width (root of the covariance trace) runs between anchors. Straight lines of an
 * affine coupling change it linearly: halfway between widths 1 and 0.05, 0.53, where a cloud
 * shrinking by a constant factor per unit (e^(−1.5λ)) is at the geometric mean, 0.22; straight
 * lines read 1.2–1.35 of the truth's spread there (BENCHMARKS.md, "Width law"). The interior
 * anchors say which law the widths follow: each interior anchor's width is compared with the power
 * mean of its neighbours' widths, M_p(a, b; f) = ((1 − f)·a^p + f·b^p)^(1/p) (p = 0: a^(1−f)·b^f), at
 * the fraction f of progress where it sits along the group's own pace (a cloud shrinking in place
 * keeps a pace set by its widths, along which they already change linearly), for each p in POWERS,
 * group by group (classes of one data set can follow different laws). Where linear widths
 * (p = 1) miss a group's interior anchors by clearly more than sampling noise explains and another
 * power's squared log error, summed over its interior anchors, is below MARGIN × theirs, the group's
 * deviations from its mean are scaled, at its interval fraction, by M_p of its anchors' widths over
 * the width its paths would give a shape that is only scaled (widthFactor): the paths keep their
 * shape and the group's width changes by the law the anchors show. The ratio, not M_p itself: where
 * a potential holds mass back before a late jump (the moons), setting the width to M_p outright
 * undid the paths' own timing (W2² 0.055 → 0.118), while the ratio took it to 0.044. At the
 * anchors the factor is 1 (every anchor is still reproduced); with two anchors there is no evidence
 * and nothing changes. Compared with linear widths, not with the lines' own: straight lines across a
 * turn cut its chord and read narrow whatever the widths do (an 8-D helix took p = 1 as a target
 * and lost 1.5 % of W2).
 */
export interface WidthEvidence {
  /** Each condition group that follows a law other than linear widths: its power p (never 1) and its width at every anchor (standardised units), by condition key (data/groups.ts). */
  laws: Record<string, { power: number; widths: number[] }>;
}

/** The sampler's form (SamplerSnapshot.widthProfile): laws per start-row group. */
export interface WidthProfile {
  /** Each group's power, 1 where its width is left as the paths give it. */
  powers: Float64Array;
  /** G × (K + 1) widths, 0 where a group follows no law. */
  widths: Float64Array;
  anchors: number;
  /**
   * Where paths follow the transport spline: each group's widths run through the same cubic, G × (K + 1)
   * tangents at the anchors and knots (its own pace's where it keeps one): the width its paths give a
   * shape that is only scaled between anchors, which the factor divides by instead of the linear width.
   */
  spline?: { tangents: Float64Array; knots: Float64Array };
}

/**
 * Candidate powers, each a width law with a story: the width itself changing linearly with progress
 * (1, what affine moves give), its logarithm (0: a constant factor per unit, as decay or growth
 * rates), its square (2: variance added linearly, as diffusion or noise injection) and its inverse
 * square (−2: precision added linearly, as evidence accumulating). Intermediate powers were not
 * offered: with one interior anchor some power always fits it, and a blob splitting in two (its
 * modes moving apart set its width, which straight lines get right between adjacent anchors) took
 * p = 0.5 at its middle anchor and lost 1–5 % of W2 to it.
 */
const POWERS = [1, 0, 2, -2];

/** Another power is taken only where its squared log error is below this share of linear widths' (p = 1) ... */
const MARGIN = 0.5;

/** ... and where linear widths' exceeds this many times what sampling noise alone would give (a χ² of one term beyond 4 has odds of about 1 in 20). */
const NOISE_TIMES = 4;

/** The power mean M_p(a, b; f) of two positive widths. */
export function powerMean(a: number, b: number, f: number, p: number): number {
  if (p === 0) return a ** (1 - f) * b ** f;
  return ((1 - f) * a ** p + f * b ** p) ** (1 / p);
}

/**
 * The laws the anchors show (see WidthEvidence), group by group: classes of one data set can follow
 * different laws (one shrinking by a constant factor, one widening linearly: one law for both cost
 * the linear one 4–5 % of W2 on a blind family). null where no group shows one: fewer than three
 * anchors, no condition group of MIN_SPREAD_ROWS rows at every anchor, or linear widths fitting as
 * well as any other law. `rows` are the anchors' standardised rows; `fractionsOf(key)[k − 1]` is where
 * interior anchor k sits between its neighbours for the group `key` (as progress along its pace).
 */
export function chooseWidthProfile(data: AnchorSet, rows: Rows[], fractionsOf: (key: string) => number[]): WidthEvidence | null {
  const K = data.anchors.length - 1;
  if (K < 2) return null;
  const D = data.dimY;
  const byAnchor = data.anchors.map((a) => groupRows(conditionKeys(data, a)));
  const keys = [...byAnchor[0].keys()].filter((key) => byAnchor.every((g) => (g.get(key)?.length ?? 0) >= MIN_SPREAD_ROWS));
  const laws: WidthEvidence['laws'] = {};
  for (const key of keys) {
    const stats = byAnchor.map((g, k) => widthAndNoise(gatherRows(rows[k].y, g.get(key)!, D), D));
    const w = stats.map((x) => (x.width > POINT_WIDTH ? x.width : 0));
    const fractions = fractionsOf(key);
    let expected = 0;
    const errors = POWERS.map(() => 0);
    for (let k = 1; k < K; k++) {
      const f = fractions[k - 1];
      const [a, m, b] = [w[k - 1], w[k], w[k + 1]];
      // A point at one end is a width known exactly; a point in the middle, or at both ends, shows no law.
      if (!(m > 0 && (a > 0 || b > 0))) continue;
      // Laws that keep a point a point (p ≤ 0) miss a widening from it by an infinite log error.
      POWERS.forEach((p, i) => (errors[i] += Math.log(m / powerMean(a, b, f, p)) ** 2));
      // What sampling noise alone adds to a squared log error here (delta method, the ends weighted as
      // they enter; beside a point, linear widths are f·b, so the other end's noise enters whole).
      expected += stats[k].logVariance;
      if (a > 0 && b > 0) expected += (1 - f) ** 2 * stats[k - 1].logVariance + f ** 2 * stats[k + 1].logVariance;
      else expected += a > 0 ? stats[k - 1].logVariance : stats[k + 1].logVariance;
    }
    let best = 0;
    for (let i = 1; i < POWERS.length; i++) if (errors[i] < errors[best]) best = i;
    // Linear widths must miss the interior anchors by clearly more than noise, and the best law fit clearly better.
    if (best > 0 && errors[0] > NOISE_TIMES * expected && errors[best] < MARGIN * errors[0]) laws[key] = { power: POWERS[best], widths: w };
  }
  return Object.keys(laws).length > 0 ? { laws } : null;
}

/** The transport spline's tangent maps (naturalSplineTangents) and knots, the shared pace's first, then each own pace's, and each row's own pace (−1: the shared one). */
export interface SplineMaps {
  maps: Float64Array[][];
  knots: number[][];
  row?: Int32Array;
}

/**
 * The sampler's profile for its start rows: each row's group `groups[i]` takes the law of its condition
 * key `keys[i]`; where paths follow the transport spline (`spline`), each group's widths also run
 * through its pace's cubic. null where no start row's group has a law.
 */
export function profileFor(evidence: WidthEvidence, groups: Int32Array, keys: string[], anchors: number, spline?: SplineMaps): WidthProfile | null {
  const G = groups.reduce((a, g) => Math.max(a, g), -1) + 1;
  const powers = new Float64Array(G).fill(1);
  const widths = new Float64Array(G * anchors);
  groups.forEach((g, i) => {
    const law = evidence.laws[keys[i]];
    if (!law) return;
    powers[g] = law.power;
    widths.set(law.widths, g * anchors);
  });
  if (powers.every((p) => p === 1)) return null;
  if (!spline) return { powers, widths, anchors };
  // Each group's widths through its paths' cubic: the same tangent map, applied to its widths.
  const tangents = new Float64Array(G * anchors);
  const knots = new Float64Array(G * anchors);
  groups.forEach((g, i) => {
    const own = spline.row && spline.row[i] >= 0 ? spline.row[i] + 1 : 0;
    knots.set(spline.knots[own], g * anchors);
    for (let j = 0; j < anchors; j++) {
      let t = 0;
      for (let l = 0; l < anchors; l++) t += spline.maps[own][j][l] * widths[g * anchors + l];
      tangents[g * anchors + j] = t;
    }
  });
  return { powers, widths, anchors, spline: { tangents, knots } };
}

/**
 * The factor by which group g's deviations from its mean are scaled at fraction s of interval k: M_p
 * of its anchors' widths over the width its paths give a shape only scaled between them (M_1 for
 * straight lines, the cubic through the widths for the transport spline); 1 where it is not
 * measured, and at the anchors.
 */
export function widthFactor(profile: WidthProfile, g: number, k: number, s: number): number {
  const at = g * profile.anchors + k;
  const [a, b] = [profile.widths[at], profile.widths[at + 1]];
  const p = profile.powers[g];
  // Beside a point (width 0) only a law that can widen from it (p > 0) is measured there.
  const measured = (a > 0 && b > 0) || (p > 0 && (a > 0 || b > 0));
  if (p === 1 || !measured || s <= 0 || s >= 1) return 1;
  const sp = profile.spline;
  // A merely scaled shape on the spline is scaled by the cubic through the widths, mirrored where the cubic dips below zero.
  const paths = sp ? Math.abs(a + s * (b - a) + hermiteBend(a, b, sp.tangents[at], sp.tangents[at + 1], sp.knots[at + 1] - sp.knots[at], s)) : powerMean(a, b, s, 1);
  // Bounded: where a steep cubic passes near zero the shape is a tangle no scaling can straighten.
  return Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, powerMean(a, b, s, p) / Math.max(paths, 1e-12)));
}

/**
 * A width below this (standardised units) is a point: identical rows up to float32 rounding, as a
 * deterministic network gives at one end of a knob (dropout 0, no noise injected). A point widening
 * as √λ (variance added linearly) read 0.69–0.80 of the truth's spread at held-out λ when points
 * were left out of the law (BENCHMARKS.md, "A seventh blind check").
 */
const POINT_WIDTH = 1e-6;

/** The most a group is widened, or narrowed, by its law. */
const MAX_FACTOR = 4;

/** Scales each group's rows of q (n × D, in place) about the group's mean by its factor. */
export function scaleGroups(q: Float32Array, groups: Int32Array, D: number, factors: Float64Array): void {
  const mean = groupMeans(q, groups, D, factors.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (factors[g] === 1) continue;
    for (let d = 0; d < D; d++) q[i * D + d] = mean[g * D + d] + factors[g] * (q[i * D + d] - mean[g * D + d]);
  }
}

/**
 * Root of the covariance trace (population form, as groupStats), and the sampling variance of its log:
 * with S = mean |y − ȳ|², Var(log √S) ≈ (E|y − ȳ|⁴ / S² − 1) / (4n) (delta method; 1 / (4n) for a 2-D Gaussian).
 */
function widthAndNoise(points: Float32Array, D: number): { width: number; logVariance: number } {
  const n = points.length / D;
  const { mean, variance } = groupStats(points, new Int32Array(n), D, 1);
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let d = 0; d < D; d++) r2 += (points[i * D + d] - mean[d]) ** 2;
    m4 += r2 * r2;
  }
  m4 /= n;
  const S = variance[0];
  return { width: Math.sqrt(S), logVariance: S > 0 ? Math.max(m4 / (S * S) - 1, 0) / (4 * n) : Infinity };
}

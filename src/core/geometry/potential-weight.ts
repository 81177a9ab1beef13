import { couplingGroups } from '../baselines/coupling';
import { gatherRows, resizeRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { solveAssignment } from '../metrics/assignment';
import { squaredDistances } from '../metrics/cost';
import { randomHalves, spread } from '../metrics/spread';
import { Rng } from '../random';
import type { Rows } from '../sampling/types';
import { MIN_SPREAD_ROWS } from './bandwidth';
import { type RouteDetour, routeDetours } from './data-route';
import type { PotentialReason } from './potential-reason';

/** What the potential-weight setting may be: a number α, or 'auto', the rule below. */
export type PotentialWeightSetting = number | 'auto';

/** The weight 'auto' gives where the data need the potential (the value validated on semicircles and moons). */
export const POTENTIAL_WEIGHT = 0.1;
/** Mean |log shrink| (AnchorEvidence.shrink) above which the groups trace curved supports. */
export const CURVED_SHRINK = 0.08;
/** Fastest over slowest interval pace (AnchorEvidence.paceRatio) at or above which the outputs may hold still, then jump … */
export const UNEVEN_PACE = 5;
/** … when over one interval they also move less than this fraction of their own spread (AnchorEvidence.stillest). */
export const HOLDS_STILL = 0.5;
/**
 * Route detour (AnchorEvidence.detour) at or above which the anchors' data join the pairs only by a long
 * way round. A route along a circle reaches it when it turns by about 106° between anchors; where
 * chords span half a turn (sparse semicircles) the potential no longer helped anyway (0.99× McCann).
 */
export const LONG_DETOUR = 0.25;
/** Rows per group compared: larger groups are subsampled, which keeps the exact couplings cheap. */
const GROUP_ROWS = 200;
/** Pairs per group whose data route is traced (each a shortest path over the group's 2 × GROUP_ROWS samples). */
const ROUTE_PAIRS = 150;

/** What straight-line transport between consecutive anchors shows about the data (standardised units). */
export interface AnchorEvidence {
  /**
   * How far straight lines shrink the groups midway: the mean over intervals and condition groups of
   * |log(spread of the coupled pairs' midpoints / mean spread of the two ends)|, weighted by how far
   * each group moves (a move too short to follow a curve says nothing about it), with the shrink that
   * matching two finite samples gives by itself taken out of the log (noiseShrink). Null with no group
   * of MIN_SPREAD_ROWS rows at both ends, or where none moves. Continuous conditions that differ
   * between two anchors form no group there.
   */
  shrink: number | null;
  /** Mean coupled move per unit of λ, fastest interval over slowest; null with one interval or no measurable group. */
  paceRatio: number | null;
  /** The smallest, over intervals, of the mean coupled move over the groups' mean spread: below 1 the outputs barely move over that interval. Null with no measurable group. */
  stillest: number | null;
  /**
   * How far the anchors' own data swing away from the straight line between the pairs: over the pairs
   * of every group and interval (at most ROUTE_PAIRS per group), the largest distance of the pair's
   * route through the union of both anchors' samples from its chord, over the chord
   * (geometry/data-route.ts); the median weighted by chord length, as the shrink is weighted by how
   * far groups move. Arcs sliding along their circles: 0.12–0.24; an elongated cloud turning about
   * its own centre, whose two anchors cross in a Λ or an X: 0.27–0.40. Only measured where it
   * decides something, when the groups are cut short (shrink ≥ CURVED_SHRINK); null elsewhere.
   */
  detour: number | null;
}

/**
 * Pairs each condition group of consecutive anchors by the exact optimal coupling (squared Euclidean
 * cost; at most GROUP_ROWS rows, a fixed subsample) and measures what the pairs' straight lines do.
 * `traceRoutes: false` leaves the detour unmeasured (null), which skips the costly route tracing.
 */
export function anchorEvidence(data: AnchorSet, rows: Rows[], { traceRoutes = true } = {}): AnchorEvidence {
  const D = data.dimY;
  const rng = new Rng(20261205);
  // A stream of its own, so the noise measurement leaves every other draw (and subsample) as it was.
  const nullRng = new Rng(20261208);
  let weighted = 0;
  let weights = 0;
  const paces: number[] = [];
  const stillness: number[] = [];
  // The pairs whose data routes are traced if the groups turn out to be cut short (the tracing is the costly part).
  const routed: (() => RouteDetour[])[] = [];
  for (let k = 0; k + 1 < rows.length; k++) {
    let moved = 0;
    let counted = 0;
    let spreads = 0;
    const { groups, shared } = couplingGroups(data, k);
    // Inputs that differ between the anchors are pooled into one group: the outputs of different
    // inputs, which say nothing about any one input's route (see 'unmeasured' below).
    if (!shared && data.condition.kind === 'continuous') continue;
    for (const [ia, ib] of groups) {
      if (ia.length < MIN_SPREAD_ROWS || ib.length < MIN_SPREAD_ROWS) continue;
      const m = Math.min(GROUP_ROWS, ia.length, ib.length);
      const a = gatherRows(rows[k].y, resizeRows(ia, m, rng), D);
      const b = gatherRows(rows[k + 1].y, resizeRows(ib, m, rng), D);
      const cost = squaredDistances(a, b, D);
      const match = solveAssignment(cost, m);
      const mid = new Float32Array(m * D);
      let move = 0;
      for (let i = 0; i < m; i++) {
        for (let d = 0; d < D; d++) mid[i * D + d] = 0.5 * (a[i * D + d] + b[match[i] * D + d]);
        move += Math.sqrt(cost[i * m + match[i]]) / m;
      }
      moved += move * m;
      counted += m;
      const ends = 0.5 * (spread(a, D) + spread(b, D));
      spreads += ends * m;
      if (ends > 0 && move > 0) {
        // Matching two finite samples shrinks midpoints by itself (more so in more dimensions): that part is not a curve.
        weighted += move * Math.abs(Math.log(spread(mid, D) / ends) + noiseShrink(a, D, nullRng));
        weights += move;
        routed.push(() => routeDetours(a, b, match, m, D, ROUTE_PAIRS));
      }
    }
    const dl = Math.abs(data.anchors[k + 1].lambda - data.anchors[k].lambda);
    if (counted > 0 && dl > 0) paces.push(moved / counted / dl);
    if (spreads > 0) stillness.push(moved / spreads);
  }
  const slowest = Math.min(...paces);
  const shrink = weights > 0 ? weighted / weights : null;
  const routes = traceRoutes && shrink !== null && shrink >= CURVED_SHRINK ? routed.flatMap((trace) => trace()) : [];
  return {
    shrink,
    paceRatio: paces.length >= 2 && slowest > 0 ? Math.max(...paces) / slowest : null,
    stillest: stillness.length > 0 ? Math.min(...stillness) : null,
    detour: routes.length > 0 ? chordWeightedMedian(routes) : null,
  };
}

/**
 * How much exact matching alone shrinks the midpoints of m rows matched with m rows of the same
 * distribution, as −log(midpoint spread / ends' spread): the shrink between two random halves of
 * `a`, moved to the full size. With matched pairs a, b = a + δ of one distribution, the midpoints'
 * variance is Var(a) − E|δ|²/4, so the shrink is −½ log(1 − x) with x = E|δ|²/(4 Var); E|δ|² (the
 * squared W2 of two samples) falls as n^(−2/max(D, 2)), so x at m rows is 2^(−2/max(D, 2)) of the
 * halves'. On a translating cloud of 200 rows this is 0.006 in 2-D and 0.08 in 10-D, where it alone
 * reached CURVED_SHRINK before it was taken out.
 */
function noiseShrink(a: Float32Array, D: number, rng: Rng): number {
  const half = Math.floor(a.length / D / 2);
  if (half < 2) return 0;
  const [left, right] = randomHalves(a, D, rng);
  const cost = squaredDistances(left, right, D);
  const match = solveAssignment(cost, half);
  const mid = new Float32Array(half * D);
  for (let i = 0; i < half; i++) for (let d = 0; d < D; d++) mid[i * D + d] = 0.5 * (left[i * D + d] + right[match[i] * D + d]);
  const ends = 0.5 * (spread(left, D) + spread(right, D));
  if (!(ends > 0)) return 0;
  const xHalf = 1 - (spread(mid, D) / ends) ** 2;
  const x = Math.min(0.99, Math.max(0, xHalf) * 2 ** (-2 / Math.max(D, 2)));
  return -0.5 * Math.log(1 - x);
}

/** The detour below which lies half the pairs' total chord length: long moves, which shape the picture most, count most. */
export function chordWeightedMedian(routes: RouteDetour[]): number {
  const sorted = routes.slice().sort((p, q) => p.detour - q.detour);
  const half = 0.5 * sorted.reduce((t, r) => t + r.chord, 0);
  let acc = 0;
  for (const r of sorted) {
    acc += r.chord;
    if (acc >= half) return r.detour;
  }
  return sorted[sorted.length - 1].detour;
}

export type { PotentialReason } from './potential-reason';

/** Each reason in words, for logs and notes ("α auto = 0: …"). */
export const POTENTIAL_REASON_TEXT: Record<PotentialReason, string> = {
  curve: 'the anchors trace curves that straight lines cut short',
  'holds-then-jumps': 'the outputs hold still over one interval and jump over another',
  detour: "straight lines cut the groups short, but the anchors' data join them only by a long detour, not along a curve",
  steady: 'the anchors show clouds moving at a steady pace',
  unmeasured: `no input or class has ${MIN_SPREAD_ROWS} outputs at consecutive anchors, so the anchors show no route for it to follow`,
};

/** The weight the potential gets, and, where 'auto' chose it, why. */
export interface PotentialWeightChoice {
  alpha: number;
  /** Null where the setting was a number. */
  reason: PotentialReason | null;
}

/**
 * The potential's weight α. A number is used as given. 'auto' gives POTENTIAL_WEIGHT where the
 * anchors show a route for the potential to hold the paths to, and 0 (no potential) elsewhere:
 * - where straight lines cut a curved support short (shrink ≥ CURVED_SHRINK: semicircles 0.14–0.16, arcs
 *   0.11–0.12), the potential holds the paths on the curve, which straight lines and the metric alone
 *   miss (semicircles W2 0.116 with it, 0.285 without);
 * - unless the anchors' data join the pairs only by a long detour (detour ≥ LONG_DETOUR): an
 *   elongated cloud that turns about its own centre is cut short too (shrink 0.12), but its two
 *   anchors cross in a Λ, and the potential draws its paths along the Λ instead of turning them
 *   (shear: W2 1.3–1.4× straight lines with it; without it, the learned metric alone, 1.1×);
 * - where the outputs hold still over one interval (they move less than HOLDS_STILL of their
 *   spread) and move UNEVEN_PACE times faster in another (the dropout moons: 0.24 and 7.1), its
 *   pull keeps mass on the data until the jump (moons W2² 0.055 with it, 0.364 without). A cloud
 *   that only speeds up (a blob moving as λ³: pace ratio 7.1 but never still) gets no potential;
 * - where a cloud keeps its spread under straight lines (shrink 0.0001–0.03 on the blob, expand,
 *   split, turn, cancer and the β-VAE's latents, and on clouds in up to 16 dimensions) the potential only draws its paths together
 *   through the overlap of neighbouring anchors, shrinking it midway (expand: spread ratio 0.78,
 *   W2 1.36× straight lines; without it 0.85×, BENCHMARKS.md);
 * - where no input or class has enough outputs to measure (one output per input: forecasts,
 *   deterministic networks; or inputs that differ between anchors), p̂(y | x) is the density of neighbouring inputs' outputs, and its pull
 *   moves each input's path towards other inputs' outputs rather than along a route of its own: with
 *   it ETT scored MSE 1.64, without 1.40; the quantile-fan preset W2 0.083 against 0.065 (McCann
 *   0.066); the demo quantile and classifier tasks 0.0007 and 0.056 against 0.0006 and 0.034 (measured
 *   while such data learned a metric; the classifier scores 0.027 now that it follows the transport spline).
 */
export function resolvePotentialWeight(setting: PotentialWeightSetting, data: AnchorSet, rows: Rows[]): PotentialWeightChoice {
  if (setting !== 'auto') return { alpha: setting, reason: null };
  const reason = potentialReason(anchorEvidence(data, rows));
  return { alpha: reason === 'curve' || reason === 'holds-then-jumps' ? POTENTIAL_WEIGHT : 0, reason };
}

/**
 * Whether the outputs hold still over one interval (they move less than HOLDS_STILL of their spread)
 * and move UNEVEN_PACE times faster over another: the dropout moons, which stay on the data and then
 * jump. It is what lingering in dense regions models (clot/linger.ts).
 */
export function holdsThenJumps(e: AnchorEvidence): boolean {
  return e.paceRatio !== null && e.paceRatio >= UNEVEN_PACE && e.stillest !== null && e.stillest < HOLDS_STILL;
}

/** What the evidence says about the potential (see resolvePotentialWeight). */
export function potentialReason(e: AnchorEvidence): PotentialReason {
  // No group measured at all (stillest is set wherever one was, even if nothing moved).
  if (e.stillest === null) return 'unmeasured';
  const cutShort = e.shrink !== null && e.shrink >= CURVED_SHRINK;
  if (cutShort && !(e.detour !== null && e.detour >= LONG_DETOUR)) return 'curve';
  if (holdsThenJumps(e)) return 'holds-then-jumps';
  return cutShort ? 'detour' : 'steady';
}

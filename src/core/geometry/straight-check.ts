import { assertCouplingFits, couplePlan } from '../baselines/coupling';
import { conditionKeys, gatherRows, groupRows, resizeRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { columnMeans, samplingFloor, spread } from '../metrics/spread';
import { w2Squared } from '../metrics/w2';
import { Rng } from '../random';
import type { Rows } from '../sampling/types';
import { MIN_SPREAD_ROWS } from './bandwidth';

/**
 * Whether the anchors show anything straight lines miss, the evidence for learning a metric: each
 * interior anchor k is left out, its neighbours k−1 and k+1 are joined by straight lines of their
 * exact optimal coupling (per condition group), and those lines are compared with anchor k's own
 * samples: W2 over the sampling floor (the W2 between two halves of anchor k's group), averaged
 * over groups. The lines are read at the fraction along them that fits anchor k best, not at the
 * plain λ fraction, so a change of pace alone does not count as a curve: the calibrated pace
 * (clot/pace.ts) follows it. Read at the plain fraction, a blob accelerating along a line scored
 * 6–8 and learned a metric, which bent paths out of the line: a turning blob with its y axis in
 * units 10⁵ times smaller than x's, in effect one-dimensional, read 13 and its samples left the line
 * (at λ = 2 a mean y of −36 where the data's y stays within ±0.03; W2 1.5× that of the metric
 * held). The lines are also scaled about their mean to the middle anchor's spread before they are
 * compared (scaledToSpread): a change of width alone is not a curve either. Pure sampling noise
 * gives about 0.2–0.95; a middle anchor off the segment (a turn, a curved mean path, a reversal)
 * gives 1.5 and more.
 */

/** Rows per group compared (a subsample of larger groups keeps the W2 cheap; the coupling itself runs on whole groups). */
const GROUP_ROWS = 300;

/** Rows on which the best fraction along the lines is searched (the exact W2 costs O(rows³)). */
const SEARCH_ROWS = 100;

/** The skip-one ratio at or above which the anchors are taken to leave straight lines (see metricLearns). */
export const OFF_STRAIGHT = 1.2;

/**
 * The largest, over interior anchors, of the group-averaged skip-one ratio; null with fewer than
 * three anchors or where no condition group has MIN_SPREAD_ROWS rows at three consecutive anchors
 * (one row per input, or inputs that differ between anchors).
 */
export function skipOneRatio(data: AnchorSet, rows: Rows[]): number | null {
  assertCouplingFits(data);
  const D = data.dimY;
  const rng = new Rng(20261206);
  // Its own stream, so that the rows compared and the floors are drawn as before the search existed.
  const searchRng = new Rng(20261207);
  let worst: number | null = null;
  for (let k = 1; k + 1 < data.anchors.length; k++) {
    const [a, mid, b] = [data.anchors[k - 1], data.anchors[k], data.anchors[k + 1]];
    const pair: AnchorSet = { ...data, anchors: [a, b] };
    const keyOfA = conditionKeys(data, a);
    const ga = groupRows(keyOfA);
    const gm = groupRows(conditionKeys(data, mid));
    const gb = groupRows(conditionKeys(data, b));
    const keys = [...gm.keys()].filter((key) => ga.has(key) && gb.has(key));
    if (keys.length === 0 || keys.length < gm.size || ![...ga.keys()].every((key) => gb.has(key))) continue;
    const plan = couplePlan(pair, [rows[k - 1], rows[k + 1]], 0, D, rng);
    const f = (mid.lambda - a.lambda) / (b.lambda - a.lambda);
    // Each plan entry's point a fraction f along its straight line, grouped by its source row's condition.
    const entriesByKey = groupRows(Array.from(plan.src, (r) => keyOfA[r]));
    let sum = 0;
    let count = 0;
    for (const key of keys) {
      const truthRows = gm.get(key)!;
      const entries = entriesByKey.get(key)!;
      // No more rows than either neighbour has: lines from 30 rows, repeated up to 300, would read as
      // far from a 300-row anchor as 30 points are from 300, not as sampling noise at 300.
      const m = Math.min(GROUP_ROWS, truthRows.length, ga.get(key)!.length, gb.get(key)!.length);
      if (m < MIN_SPREAD_ROWS) continue;
      const truth = gatherRows(rows[k].y, resizeRows(truthRows, m, rng), D);
      const chosen = resizeRows(entries, m, rng);
      const start = gatherRows(rows[k - 1].y, chosen.map((p) => plan.src[p]), D);
      const end = gatherRows(rows[k + 1].y, chosen.map((p) => plan.dst[p]), D);
      const floor = samplingFloor(truth, D, rng);
      if (!(floor > 0)) continue;
      // The lines at fraction g, scaled to the compared points' spread (`width`, measured once per point set).
      const w2At = (g: number, lines: number[], points: Float32Array, width: number) => {
        const line = new Float32Array(lines.length * D);
        lines.forEach((i, j) => {
          for (let d = 0; d < D; d++) line[j * D + d] = (1 - g) * start[i * D + d] + g * end[i * D + d];
        });
        return Math.sqrt(Math.max(0, w2Squared(scaledToSpread(line, width, D), points, D).w2sq));
      };
      // The fraction is searched on a random SEARCH_ROWS of the lines and of the anchor's rows, then
      // read on all m (where m ≤ SEARCH_ROWS the search set is all of them, and W2 ignores order).
      const size = Math.min(m, SEARCH_ROWS);
      const lines = Array.from(searchRng.permutation(m).slice(0, size));
      const points = gatherRows(truth, searchRng.permutation(m).slice(0, size), D);
      const meanG = meanFraction(start, end, truth, D);
      const pointsWidth = spread(points, D);
      const found = nearestFraction((x) => w2At(x, lines, points, pointsWidth), [f, meanG]);
      const all = Array.from({ length: m }, (_, i) => i);
      // On all rows, the search's fraction, the plain one and the mean-matching one: a subsample's
      // fraction can be off by more than a tight cloud's width (0.181 against 0.165: 1.32 floors
      // against 0.45 on a blob 0.09 of its move wide).
      const truthWidth = spread(truth, D);
      const value = size === m ? found.value : Math.min(...[found.g, f, meanG].map((g) => w2At(g, all, truth, truthWidth)));
      sum += value / floor;
      count++;
    }
    if (count > 0) worst = Math.max(worst ?? 0, sum / count);
  }
  return worst;
}

/**
 * The fraction g ∈ [0, 1] along the lines whose W2 to the middle anchor is least, and that W2: the
 * best of a grid of eleven fractions and the `candidates` (the plain λ fraction, the one that
 * matches the means), refined by golden-section search within 0.1 of it down to a bracket of 1e-4
 * (a tight cloud moving far reads a fraction off by 0.007 as several floors).
 */
function nearestFraction(w2At: (g: number) => number, candidates: number[]): { g: number; value: number } {
  let g = candidates[0];
  let value = Infinity;
  for (const x of [...candidates, ...Array.from({ length: 11 }, (_, i) => i / 10)]) {
    const v = w2At(x);
    if (v < value) [g, value] = [x, v];
  }
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.max(0, g - 0.1);
  let hi = Math.min(1, g + 0.1);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let va = w2At(a);
  let vb = w2At(b);
  while (hi - lo > 1e-4) {
    if (va < vb) {
      [hi, b, vb] = [b, a, va];
      a = hi - ratio * (hi - lo);
      va = w2At(a);
    } else {
      [lo, a, va] = [a, b, vb];
      b = lo + ratio * (hi - lo);
      vb = w2At(b);
    }
  }
  if (va < value) [g, value] = [a, va];
  if (vb < value) [g, value] = [b, vb];
  return { g, value };
}

/**
 * The points scaled about their mean to the given spread (root of the covariance trace), in place.
 * A middle anchor wider or narrower than the lines between its neighbours is not off them: a blob
 * moving along a line whose middle anchor is three times as noisy as its ends read 2.1–2.8 and
 * learned a metric, whose bends cost 1.3× straight lines' W2 at held-out λ; at matched spread it
 * reads 0.55–0.66. Curves still show: a mean off the segment or a bent shape stays where it is
 * (semicircles, blob, arcs, turn and 40 more families: none moves across OFF_STRAIGHT).
 */
function scaledToSpread(points: Float32Array, target: number, D: number): Float32Array {
  const own = spread(points, D);
  if (!(own > 0) || !(target > 0)) return points;
  const k = target / own;
  const mean = columnMeans(points, D);
  for (let i = 0; i < points.length; i++) points[i] = mean[i % D] + (points[i] - mean[i % D]) * k;
  return points;
}

/** The fraction along the lines at which their mean is nearest the middle anchor's mean, in [0, 1] (0 for lines that do not move on average). */
function meanFraction(start: Float32Array, end: Float32Array, truth: Float32Array, D: number): number {
  const mean = (y: Float32Array, d: number) => {
    let t = 0;
    for (let i = d; i < y.length; i += D) t += y[i];
    return (t * D) / y.length;
  };
  let dot = 0;
  let norm = 0;
  for (let d = 0; d < D; d++) {
    const move = mean(end, d) - mean(start, d);
    dot += (mean(truth, d) - mean(start, d)) * move;
    norm += move * move;
  }
  return norm > 0 ? Math.min(1, Math.max(0, dot / norm)) : 0;
}

/** Whether a learned metric learns or is held at G = I. */
export interface MetricChoice {
  learns: boolean;
  /** skipOneRatio (null: nothing measured). */
  ratio: number | null;
  /** Held because, with no potential, each sample's path follows a cubic through its coupled anchors instead (withoutPotential). */
  spline?: boolean;
  /** Held because, with no potential, the anchors' curve is too faint to bend paths by (withoutPotential): straight lines. */
  faint?: boolean;
}

/**
 * The skip-one ratio from which, where the potential is off, paths follow a transport spline: for
 * each sample, the natural cubic through the anchors its coupling chains it to, in the calibrated
 * pace's progress (clot/sampler.ts). Without a potential the learned metric is the only thing that
 * bends the paths, and it only makes the coupled moves cheap: nothing ties its bends to the curve the
 * anchors trace, and on smooth curves across several anchors it bent too far or the wrong way (a blob
 * on a sine wave, five anchors: 1.9× straight lines' W2 at held-out λ; a figure of eight 1.25×; a
 * U-turn inside the last interval 1.0×), where the cubic through the anchors scored 0.3–0.4×.
 * Measured against straight lines (W2 at held-out λ, the model with the metric held) on 53 data
 * sets between OFF_STRAIGHT and 2.0, 28 of them from families drawn for this: from 1.5 the cubic
 * gained (24 sets: median 0.94×, 0.65–1.34×; the learned metric median 0.93×, 0.70–1.18×, in
 * minutes where the cubic takes seconds); between 2.0 and 2.5, where the metric learned before,
 * the cubic was better on 8 of 13 seeds (0.69–0.97× the metric's W2, 1.01–1.11× on the other
 * five). Below 1.5 neither gained (the cubic median 0.99×, up to 1.39×; the metric median 1.00×,
 * up to 1.56×): the curve there is within a few sampling floors of noise, and both bend by the
 * noise too.
 */
export const SPLINE_CURVE = 1.5;

/**
 * The choice where 'auto' turned the potential off: a curve the anchors show (skip-one ratio ≥
 * SPLINE_CURVE) holds the metric, and paths follow the transport spline; a fainter one (between
 * OFF_STRAIGHT and SPLINE_CURVE) holds it too, and paths are straight lines (see SPLINE_CURVE).
 * Where three or more anchors have nothing to compare (one row per input: a deterministic
 * network's outputs with its input as the condition; or classes of fewer than 10 rows), paths
 * follow the spline as well: through the outputs each row is chained to (its coupled partners, or
 * the maps' outputs for inputs the model has not seen) the cubic follows the curve they trace, and
 * is straight where they are in line. On 14 such families, seeds 0 and 1
 * (scratch, W2 at held-out λ), the spline scored median 0.94× the learned metric's W2 (0.27–1.31×;
 * 1.05× or more on four runs: fresh inputs per anchor 1.07–1.08×, shared inputs 1.31× on one seed,
 * eight classes of six rows 1.05× on one), kept
 * every held-out spread within 0.80–1.13 of the truth's where the metric's fell to 0.53–0.64 at
 * some λ on three runs, and trained in 4–9 s instead of 9–41 s; on the demo classifier and
 * quantile networks it scored 0.93× and 1.00×.
 */
export function withoutPotential(c: MetricChoice, potentialOff: boolean): MetricChoice {
  if (!potentialOff || !c.learns) return c;
  if (c.ratio === null) return { learns: false, ratio: null, spline: true };
  return c.ratio >= SPLINE_CURVE ? { learns: false, ratio: c.ratio, spline: true } : { learns: false, ratio: c.ratio, faint: true };
}

/**
 * A learned metric learns only where some interior anchor sits off the straight lines between its
 * neighbours (skipOneRatio ≥ OFF_STRAIGHT). Elsewhere nothing in the anchors says where paths
 * should bend, and a metric fitted to the coupled moves alone bent them anyway: on a blob that
 * widens as it moves (the truth is the straight-line interpolation) W2 rose to 1.2–1.7× that of
 * straight lines and the spread fell to 0.76. With two anchors there is no interior anchor, so the
 * metric is held. Where three or more anchors cannot be measured this way (one row per input) it
 * learns, as published: an input's outputs turning by an angle that depends on the input were
 * 0.72× straight lines' MSE with it, 1.0× without. (Where 'auto' turned the potential off, the
 * full method follows the transport spline there instead: withoutPotential.)
 */
export function metricLearns(data: AnchorSet, rows: Rows[]): MetricChoice {
  const ratio = skipOneRatio(data, rows);
  if (ratio === null) return { learns: data.anchors.length >= 3, ratio };
  return { learns: ratio >= OFF_STRAIGHT, ratio };
}

/** The choice in words, for logs and notes. */
export function metricChoiceText(c: MetricChoice): string {
  if (c.learns && c.ratio === null) return 'metric learned: too few samples per class or input to compare its anchors with straight lines, so it learns as published';
  if (c.learns) return `metric learned: an interior anchor sits off the straight lines between its neighbours${skipOneTimes(c)}`;
  return `metric held at G = I: ${heldReason(c)}`;
}

/**
 * Why a held metric is held, as one clause: the CLI prints it after "metric held at G = I:" and
 * the metric card in the explorer after "Metric held at G = I:", so both say the same thing.
 */
export function heldReason(c: MetricChoice): string {
  if (c.spline && c.ratio === null) return 'too few samples per class or input to compare its anchors with straight lines, and with no potential each sample\'s path follows a cubic through its coupled anchors (a transport spline, straight where they are in line)';
  if (c.spline) return `an interior anchor sits off the straight lines between its neighbours${skipOneTimes(c)}, and with no potential each sample's path follows a cubic through its coupled anchors (a transport spline)`;
  if (c.faint) return `an interior anchor sits a little off the straight lines between its neighbours${skipOneTimes(c)}, too little to bend paths by without a potential, so paths are straight lines`;
  if (c.ratio === null) return 'with two anchors, no interior anchor can show a curve';
  return `straight lines between each anchor's neighbours reproduce it within sampling noise at some point along them${skipOneTimes(c)}`;
}

/** The skip-one ratio in words: how far the anchor left out lies from its neighbours' straight lines, in units of sampling noise. */
function skipOneTimes(c: MetricChoice): string {
  return c.ratio === null ? '' : ` (left out, it lies ${c.ratio.toFixed(2)}× the sampling noise from those lines by W2)`;
}

import { couplePlan } from '../baselines/coupling';
import { conditionKeys, gatherRows, groupRows, resizeRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { samplingFloor } from '../metrics/spread';
import { w2Squared } from '../metrics/w2';
import { Rng } from '../random';
import type { Rows } from '../sampling/types';
import { MIN_SPREAD_ROWS } from './bandwidth';

/**
 * Whether the anchors show anything straight lines miss, the evidence for learning a metric: each
 * interior anchor k is left out, its neighbours k−1 and k+1 are joined by straight lines of their
 * exact optimal coupling (per condition group), and those lines, read at λ_k, are compared with
 * anchor k's own samples: W2 over the sampling floor (the W2 between two halves of anchor k's
 * group), averaged over groups. Pure sampling noise gives about 0.2–0.95; a middle anchor off the
 * lines (a turn, a curved mean path, a change of pace) gives 1.5 and more. The lines are read at
 * the plain λ fraction, so a change of pace alone counts as leaving them (the accelerating blob
 * reads 22–28): the metric then learns, harmlessly, while the calibrated pace does the work.
 */

/** Rows per group compared (a subsample of larger groups keeps the W2 cheap; the coupling itself runs on whole groups). */
const GROUP_ROWS = 300;

/** The skip-one ratio at or above which the anchors are taken to leave straight lines (see metricLearns). */
export const OFF_STRAIGHT = 1.2;

/**
 * The largest, over interior anchors, of the group-averaged skip-one ratio; null with fewer than
 * three anchors or where no condition group has MIN_SPREAD_ROWS rows at three consecutive anchors
 * (one row per input, or inputs that differ between anchors).
 */
export function skipOneRatio(data: AnchorSet, rows: Rows[]): number | null {
  const D = data.dimY;
  const rng = new Rng(20261206);
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
      const line = new Float32Array(m * D);
      chosen.forEach((p, i) => {
        for (let d = 0; d < D; d++) line[i * D + d] = (1 - f) * rows[k - 1].y[plan.src[p] * D + d] + f * rows[k + 1].y[plan.dst[p] * D + d];
      });
      const floor = samplingFloor(truth, D, rng);
      if (!(floor > 0)) continue;
      sum += Math.sqrt(Math.max(0, w2Squared(line, truth, D).w2sq)) / floor;
      count++;
    }
    if (count > 0) worst = Math.max(worst ?? 0, sum / count);
  }
  return worst;
}

/** Whether a learned metric learns or is held at G = I. */
export interface MetricChoice {
  learns: boolean;
  /** skipOneRatio (null: nothing measured). */
  ratio: number | null;
}

/**
 * A learned metric learns only where some interior anchor sits off the straight lines between its
 * neighbours (skipOneRatio ≥ OFF_STRAIGHT). Elsewhere nothing in the anchors says where paths
 * should bend, and a metric fitted to the coupled moves alone bent them anyway: on a blob that
 * widens as it moves (the truth is the straight-line interpolation) W2 rose to 1.2–1.7× that of
 * straight lines and the spread fell to 0.76. With two anchors there is no interior anchor, so the
 * metric is held. Where three or more anchors cannot be measured this way (one row per input) it
 * learns, as published: an input's outputs turning by an angle that depends on the input were
 * 0.72× straight lines' MSE with it, 1.0× without.
 */
export function metricLearns(data: AnchorSet, rows: Rows[]): MetricChoice {
  const ratio = skipOneRatio(data, rows);
  if (ratio === null) return { learns: data.anchors.length >= 3, ratio };
  return { learns: ratio >= OFF_STRAIGHT, ratio };
}

/** The choice in words, for logs and notes. */
export function metricChoiceText(c: MetricChoice): string {
  const times = c.ratio === null ? '' : ` (skip-one W2 ${c.ratio.toFixed(2)}× the sampling floor)`;
  if (c.learns && c.ratio === null) return 'metric learned: too few samples per class or input to compare its anchors with straight lines, so it learns as published';
  if (c.learns) return `metric learned: an interior anchor sits off the straight lines between its neighbours${times}`;
  if (c.ratio === null) return 'metric held at G = I: with two anchors, no interior anchor can show a curve';
  return `metric held at G = I: straight lines between each anchor's neighbours reproduce it within sampling noise${times}`;
}

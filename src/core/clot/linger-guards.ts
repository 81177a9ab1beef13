// Two checks that keep lingering (linger.ts) to what it models: outputs that hold still and then
// break down in place, as a network's outputs do near a dropout of 1.
import { couplingGroups } from '../baselines/coupling';
import { conditionKeys, gatherRows, groupRows } from '../data/groups';
import { columnMeans, spread } from '../metrics/spread';
import type { Rows } from '../sampling/types';
import type { ClotModel } from './model';
import { lingerWeights, pathPoints, progressTable, warpedParameter, WARP_POINTS } from './timing';

/** Time fractions within each interval at which the spreads are read. */
const READ_AT = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * How far lingering with exponent β tears condition groups apart between anchors: the largest,
 * over intervals, condition groups and READ_AT, of the group's spread (root of the covariance
 * trace) with its rows moved along straight lines to their coupled partners, over the wider of the
 * group's two anchors' spreads. Straight lines at one speed never exceed that wider spread
 * (x_s = (1 − s)x + sT(x) has standard deviation at most (1 − s)σ_0 + sσ_1), so a ratio well above
 * 1 is the timing's own doing: rows lingering at both ends of a fast interval, some gone and some
 * not yet left. A cloud that holds still and then accelerates (x = 4λ⁶, anchors 0, 0.5, 1) reads
 * 5.7 (β = ½ and 1) where the truth stays one cloud; the dropout moons, whose last anchor is a wide
 * cloud the rows rush through, 1.00. Groups are the condition values that repeat at both ends of
 * an interval, else all rows together. Deterministic: every row and pair, no draws.
 */
export async function lingerTear(model: ClotModel, beta: number): Promise<number> {
  const plans = model.coupling;
  if (!plans || !(beta > 0)) return 0;
  const D = model.D;
  const set = model.data;
  let worst = 0;
  for (let k = 0; k < plans.length; k++) {
    const { src, dst } = plans[k];
    const [from, to] = [model.rows[k], model.rows[k + 1]];
    const pairs: Rows = {
      n: src.length,
      y: gatherRows(from.y, src, D),
      ...(from.label ? { label: Int32Array.from(src, (i) => from.label![i]) } : {}),
      ...(from.c ? { c: gatherRows(from.c, src, from.c.length / from.n) } : {}),
    };
    const z = gatherRows(to.y, dst, D);
    const points = pathPoints(pairs.y, z, null, pairs.n, D, 1);
    const logRatio = await model.densityAlong(points, pairs, WARP_POINTS);
    if (!logRatio) return 0;
    const table = progressTable(points, pairs.n, D, lingerWeights(logRatio, beta));
    const keysFrom = conditionKeys(set, set.anchors[k]);
    const pairGroups = groupRows(Array.from(src, (i) => keysFrom[i]));
    // Each group's pairs and the wider of its anchors' spreads, measured once for every READ_AT.
    const groups = spreadGroups(model, k).map(({ key, from: a, to: b }) => ({
      pairs: key === null ? [...Array(pairs.n).keys()] : pairGroups.get(key)!,
      wider: Math.max(spread(gatherRows(from.y, a, D), D), spread(gatherRows(to.y, b, D), D)),
    }));
    const moved = new Float32Array(pairs.n * D);
    for (const s of READ_AT) {
      for (let i = 0; i < pairs.n; i++) {
        const u = warpedParameter(table, i, s);
        for (let d = 0; d < D; d++) moved[i * D + d] = (1 - u) * pairs.y[i * D + d] + u * z[i * D + d];
      }
      for (const g of groups) if (g.wider > 0) worst = Math.max(worst, spread(gatherRows(moved, g.pairs, D), D) / g.wider);
    }
  }
  return worst;
}

/**
 * How far the groups travel over the fastest interval (mean coupled move per unit of λ), against
 * how wide they are: the mean over condition groups, weighted by rows, of the distance between the
 * group's means at the interval's two anchors over the wider of its two spreads. Below 1 the outputs
 * disperse where they are (the dropout moons 0.17 and 0.24 per class: the last anchor a wide cloud
 * over the moons; two classes blurring into one wide cloud 0.6); above it they travel to somewhere
 * else (a cloud that holds still and then moves to a wider cloud four units away: 2.9), which the
 * calibrated pace follows at one speed: lingering there held rows back in the tight start and
 * narrowed the group to half the truth's spread (W2 0.71 and 0.74 against 0.41 and 0.51). Null
 * without a coupling. Groups as lingerTear.
 */
export function jumpTravel(model: ClotModel): number | null {
  const lengths = model.moveLengths();
  if (!lengths) return null;
  const set = model.data;
  const D = model.D;
  let k = 0;
  const speed = (j: number) => lengths[j] / Math.max(1e-12, set.anchors[j + 1].lambda - set.anchors[j].lambda);
  for (let j = 1; j < lengths.length; j++) if (speed(j) > speed(k)) k = j;
  const [from, to] = [model.rows[k], model.rows[k + 1]];
  let total = 0;
  let rows = 0;
  for (const { from: a, to: b } of spreadGroups(model, k)) {
    const ya = gatherRows(from.y, a, D);
    const yb = gatherRows(to.y, b, D);
    const wider = Math.max(spread(ya, D), spread(yb, D));
    if (!(wider > 0)) continue;
    const ma = columnMeans(ya, D);
    const mb = columnMeans(yb, D);
    total += a.length * Math.sqrt(ma.reduce((t, v, d) => t + (v - mb[d]) ** 2, 0) / wider ** 2);
    rows += a.length;
  }
  return rows > 0 ? total / rows : null;
}

/**
 * The rows of anchors k and k + 1 compared by spread: per condition group (couplingGroups) where
 * every group has two or more rows at both ends, else all rows together (key null).
 */
function spreadGroups(model: ClotModel, k: number): { key: string | null; from: number[]; to: number[] }[] {
  const { groups, keys, shared } = couplingGroups(model.data, k);
  if (shared && groups.every(([a, b]) => a.length > 1 && b.length > 1)) return groups.map(([from, to], g) => ({ key: keys[g], from, to }));
  return [{ key: null, from: [...Array(model.rows[k].n).keys()], to: [...Array(model.rows[k + 1].n).keys()] }];
}

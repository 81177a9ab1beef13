import type { CouplingPlan } from '../baselines/coupling';
import { groupRows } from '../data/groups';
import { nearestRow } from '../sampling/nearest-row';
import type { Rows } from '../sampling/types';

/**
 * The scatter the maps leave out, for rows the model has not seen. A map T_k(y | x) is regressed
 * onto each anchor row's coupled partners, so it learns their mean given (y, x); where an input has
 * several noisy outputs, the part of each coupled move that depends on the draw is averaged away,
 * and new rows pushed through the maps alone came out narrower than the anchors at every step (a
 * cloud turning at a rate set by its input, 5 rows per input: 0.57–0.84 of the truth's spread from
 * λ = 0.5 to 2; 12 rows: 0.70–0.92).
 * Rows of the first anchor never had the problem: they follow the coupling itself. So a new row
 * takes the map's prediction plus the residual (coupled partner − prediction) of the anchor row
 * nearest to it in its own condition group, the scatter an anchor row of that place really shows.
 *
 * Where inputs have one row each (a deterministic network's outputs), a residual is the map's fit
 * error at another input, not scatter the outputs have, so none is added (null).
 */
export interface AnchorResiduals {
  /** Rows in the condition group of each anchor row (its class, or its exact standardised condition). */
  groupSize: Int32Array;
  /** Residual of each plan entry, [entries × D], and each anchor row's entries. */
  residual: Float32Array;
  entriesOf: number[][];
}

const keyOf = (rows: Rows, i: number, C: number): string =>
  rows.label ? `l${rows.label[i]}` : C ? Array.from(rows.c!.subarray(i * C, (i + 1) * C)).join(',') : '';

/**
 * The residuals of anchor k's rows under interval k's plan: `predicted` is T_k at every anchor row
 * ([n × D]), `next` the following anchor's rows. Null where the rows are one per condition group
 * on average (see above).
 */
export function anchorResiduals(rows: Rows, next: Rows, plan: CouplingPlan, predicted: Float32Array, D: number): AnchorResiduals | null {
  const C = rows.c ? rows.c.length / rows.n : 0;
  const groups = groupRows(Array.from({ length: rows.n }, (_, i) => keyOf(rows, i, C)));
  if (groups.size * 2 > rows.n) return null;
  const groupSize = new Int32Array(rows.n);
  for (const idx of groups.values()) for (const r of idx) groupSize[r] = idx.length;
  const residual = new Float32Array(plan.src.length * D);
  const entriesOf: number[][] = Array.from({ length: rows.n }, () => []);
  for (let e = 0; e < plan.src.length; e++) {
    const s = plan.src[e];
    const t = plan.dst[e];
    entriesOf[s].push(e);
    for (let d = 0; d < D; d++) residual[e * D + d] = next.y[t * D + d] - predicted[s * D + d];
  }
  return { groupSize, residual, entriesOf };
}

/**
 * Adds to `out` (the maps' predictions for `query`, [n × D]) the residual of the anchor row nearest
 * to each query row's position `at` within its condition group (the nearest group by condition
 * where the anchor lacks its own; none where that group has one row, or the class is absent), for
 * the rows with `take[i]` true. A row with several plan
 * entries lends them in turn to the query rows that pick it.
 */
export function addResiduals(res: AnchorResiduals, anchor: Rows, query: Rows, at: Float32Array, out: Float32Array, take: (i: number) => boolean, D: number): void {
  const C = query.c ? query.c.length / query.n : 0;
  const lent = new Map<number, number>();
  for (let i = 0; i < query.n; i++) {
    if (!take(i)) continue;
    const best = nearestRow(anchor, query, i, at, D, C);
    // A group of one row (an input seen once among inputs seen many times): its residual is fit error too.
    if (best < 0 || res.groupSize[best] < 2) continue;
    const entries = res.entriesOf[best];
    if (!entries.length) continue;
    const turn = lent.get(best) ?? 0;
    lent.set(best, turn + 1);
    const e = entries[turn % entries.length];
    for (let d = 0; d < D; d++) out[i * D + d] += res.residual[e * D + d];
  }
}

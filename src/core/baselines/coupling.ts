import { conditionKeys, groupRows, resizeRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import { solveAssignment } from '../metrics/assignment';
import { EXACT_W2_MAX } from '../metrics/w2';
import type { Rng } from '../random';
import type { Rows } from '../sampling/types';

/**
 * Which rows of anchors k and k+1 may be coupled: pairs of row lists with the
 * same condition (class, or continuous condition value) when every condition
 * of anchor k recurs at k+1 (`shared`), else all rows together; `keys` are the
 * groups' condition keys (conditionKeys).
 */
export function couplingGroups(set: AnchorSet, k: number): { groups: [number[], number[]][]; keys: string[]; shared: boolean } {
  const ga = groupRows(conditionKeys(set, set.anchors[k]));
  const gb = groupRows(conditionKeys(set, set.anchors[k + 1]));
  const shared = [...ga.keys()].every((key) => gb.has(key));
  const all = (n: number) => [...Array(n).keys()];
  if (!shared) return { groups: [[all(set.anchors[k].n), all(set.anchors[k + 1].n)]], keys: [''], shared };
  return { groups: [...ga].map(([key, ia]) => [ia, gb.get(key)!]), keys: [...ga.keys()], shared };
}

/** A condition group larger than the exact coupling takes (O(m³): about 26 s at 4,000 rows, scaling subsample.ts's 51 s at 5,000). */
export class CouplingLimitError extends HtiError {
  constructor(
    readonly lambda: number,
    readonly rows: number,
  ) {
    super(`the exact coupling is limited to ${EXACT_W2_MAX} rows per condition (λ = ${lambda} has ${rows})`);
  }
}

/**
 * Each interval whose largest coupled group is beyond the exact coupling's limit, with that group's
 * size. A group is what couplePlan matches: a class or recurring condition value of each anchor but
 * the last, or all its rows where the conditions do not recur (the last anchor is resized to the limit).
 */
function oversizedIntervals(set: AnchorSet): { k: number; rows: number }[] {
  const out: { k: number; rows: number }[] = [];
  for (let k = 0; k + 1 < set.anchors.length; k++) {
    const rows = Math.max(...couplingGroups(set, k).groups.map(([ia]) => ia.length));
    if (rows > EXACT_W2_MAX) out.push({ k, rows });
  }
  return out;
}

/**
 * Throws CouplingLimitError for the first interval with a group beyond the limit, before any coupling
 * is solved: a group late in the data would otherwise fail only after minutes of solving earlier ones.
 */
export function assertCouplingFits(set: AnchorSet): void {
  const [first] = oversizedIntervals(set);
  if (first) throw new CouplingLimitError(set.anchors[first.k].lambda, first.rows);
}

/**
 * The most samples per anchor that keep every coupled group within the exact coupling's limit once
 * the anchors are subsampled by subsampleAnchors, or null where every group fits already. With
 * classes, the subsample keeps each class's share, so the largest class's share of N must fit;
 * otherwise (no condition, or a continuous one, whose values the subsample does not stratify) N
 * itself must, and N = the limit always does.
 */
export function samplesPerAnchorThatFit(set: AnchorSet): number | null {
  const over = oversizedIntervals(set);
  if (over.length === 0) return null;
  if (set.condition.kind !== 'class') return EXACT_W2_MAX;
  return Math.min(...over.map(({ k, rows }) => Math.floor((EXACT_W2_MAX * set.anchors[k].n) / rows)));
}

/**
 * The exact optimal coupling (squared Euclidean cost, standardised outputs)
 * between consecutive anchors, per condition: rows of the same class, or of
 * the same continuous condition value when the conditions are shared across
 * anchors (for a deterministic network that pairs each input with itself).
 * When an anchor's conditions do not recur at the next, all rows are coupled
 * together with the condition distance added to the cost.
 *
 * Returns, for each row of anchor k, the index of its partner at anchor k+1.
 * Unequal group sizes are matched against a resampled copy of the target.
 */
export function coupleAnchors(set: AnchorSet, rows: Rows[], k: number, D: number, rng: Rng): Int32Array {
  const A = set.anchors[k];
  const { groups, shared } = couplingGroups(set, k);
  const partner = new Int32Array(A.n);
  const C = set.condition.kind === 'continuous' ? set.condition.dim : 0;
  for (const [ia, ibAll] of groups) {
    const m = ia.length;
    if (m > EXACT_W2_MAX) throw new CouplingLimitError(A.lambda, m);
    const ib = resizeRows(ibAll, m, rng);
    const cost = pairCost(rows[k], rows[k + 1], ia, ib, D, shared ? 0 : C);
    const match = m === 1 ? Int32Array.of(0) : solveAssignment(cost, m);
    for (let i = 0; i < m; i++) partner[ia[i]] = ib[match[i]];
  }
  return partner;
}

/**
 * A coupling of anchors k and k+1 as equally weighted pairs: entry p moves
 * row src[p] of anchor k to row dst[p] of anchor k+1. Entries are ordered by
 * source row; where every condition has as many rows at both anchors, src is
 * 0, 1, …, n−1 and dst a permutation per condition.
 */
export interface CouplingPlan {
  src: Int32Array;
  dst: Int32Array;
}

/**
 * The exact optimal coupling of coupleAnchors as a transport plan that uses
 * every row of both anchors: per condition, the smaller side is repeated
 * evenly up to the larger one's size before the assignment, so 60 rows at
 * one anchor and 500 at the next give 500 pairs that reach all 500 rows
 * (a map from 60 rows would reach at most 60 of them).
 */
export function couplePlan(set: AnchorSet, rows: Rows[], k: number, D: number, rng: Rng): CouplingPlan {
  const { groups, shared } = couplingGroups(set, k);
  const C = set.condition.kind === 'continuous' ? set.condition.dim : 0;
  const pairs: [number, number][] = [];
  for (const [iaAll, ibAll] of groups) {
    if (iaAll.length > EXACT_W2_MAX) throw new CouplingLimitError(set.anchors[k].lambda, iaAll.length);
    // Every row of anchor k takes part; a next anchor beyond the limit is subsampled to it, as a map would have been.
    const m = Math.max(iaAll.length, Math.min(ibAll.length, EXACT_W2_MAX));
    const ia = resizeRows(iaAll, m, rng);
    const ib = resizeRows(ibAll, m, rng);
    const cost = pairCost(rows[k], rows[k + 1], ia, ib, D, shared ? 0 : C);
    const match = m === 1 ? Int32Array.of(0) : solveAssignment(cost, m);
    for (let i = 0; i < m; i++) pairs.push([ia[i], ib[match[i]]]);
  }
  // Stable: a row's repeats keep the order the assignment gave them.
  pairs.sort((x, y) => x[0] - y[0]);
  return { src: Int32Array.from(pairs, (q) => q[0]), dst: Int32Array.from(pairs, (q) => q[1]) };
}

/** Source row → its entries in the plan. */
export function planEntries(plan: CouplingPlan): Map<number, number[]> {
  const byRow = new Map<number, number[]>();
  plan.src.forEach((r, p) => {
    let e = byRow.get(r);
    if (!e) byRow.set(r, (e = []));
    e.push(p);
  });
  return byRow;
}

/**
 * chain[k][i]: the row of anchor k that particle i, starting at row
 * first[i] of the first anchor (−1: not a row of it, stays −1), reaches by
 * following the plans interval by interval. Particles on the same row take
 * that row's entries in turn, so repeats of a row fan out over all its
 * partners instead of piling onto one.
 */
export function composePlans(plans: CouplingPlan[], first: Int32Array): Int32Array[] {
  const chain = [first];
  for (const plan of plans) {
    const byRow = planEntries(plan);
    const seen = new Map<number, number>();
    const prev = chain[chain.length - 1];
    chain.push(
      Int32Array.from(prev, (r) => {
        const e = byRow.get(r);
        if (r < 0 || !e) return -1;
        const c = seen.get(r) ?? 0;
        seen.set(r, c + 1);
        return plan.dst[e[c % e.length]];
      }),
    );
  }
  return chain;
}

/** Squared Euclidean cost between rows ia of `a` and ib of `b` (m × m, row-major), plus the condition distance where C > 0. */
function pairCost(a: Rows, b: Rows, ia: number[], ib: number[], D: number, C: number): Float64Array {
  const m = ia.length;
  const cost = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += (a.y[ia[i] * D + d] - b.y[ib[j] * D + d]) ** 2;
      for (let d = 0; d < C; d++) s += (a.c![ia[i] * C + d] - b.c![ib[j] * C + d]) ** 2;
      cost[i * m + j] = s;
    }
  }
  return cost;
}

/** The exact optimal coupling of every anchor interval, as plans (couplePlan). */
export function intervalPlans(set: AnchorSet, rows: Rows[], D: number, rng: Rng): CouplingPlan[] {
  assertCouplingFits(set);
  return Array.from({ length: set.anchors.length - 1 }, (_, k) => couplePlan(set, rows, k, D, rng));
}

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
 * of anchor k recurs at k+1 (`shared`), else all rows together.
 */
export function couplingGroups(set: AnchorSet, k: number): { groups: [number[], number[]][]; shared: boolean } {
  const ga = groupRows(conditionKeys(set, set.anchors[k]));
  const gb = groupRows(conditionKeys(set, set.anchors[k + 1]));
  const shared = [...ga.keys()].every((key) => gb.has(key));
  const all = (n: number) => [...Array(n).keys()];
  const groups: [number[], number[]][] = shared ? [...ga].map(([key, ia]) => [ia, gb.get(key)!]) : [[all(set.anchors[k].n), all(set.anchors[k + 1].n)]];
  return { groups, shared };
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
    if (m > EXACT_W2_MAX) throw new HtiError(`the exact coupling is limited to ${EXACT_W2_MAX} rows per condition (λ = ${A.lambda} has ${m})`);
    const ib = resizeRows(ibAll, m, rng);
    const cost = new Float64Array(m * m);
    const ya = rows[k].y;
    const yb = rows[k + 1].y;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += (ya[ia[i] * D + d] - yb[ib[j] * D + d]) ** 2;
        if (!shared && C) for (let d = 0; d < C; d++) s += (rows[k].c![ia[i] * C + d] - rows[k + 1].c![ib[j] * C + d]) ** 2;
        cost[i * m + j] = s;
      }
    }
    const match = m === 1 ? Int32Array.of(0) : solveAssignment(cost, m);
    for (let i = 0; i < m; i++) partner[ia[i]] = ib[match[i]];
  }
  return partner;
}

/** The coupling of every anchor interval: couplings[k][i] is the partner at anchor k+1 of row i of anchor k. */
export function intervalCouplings(set: AnchorSet, rows: Rows[], D: number, rng: Rng): Int32Array[] {
  return Array.from({ length: set.anchors.length - 1 }, (_, k) => coupleAnchors(set, rows, k, D, rng));
}

/**
 * Partners of every first-anchor row at every anchor, by chaining the
 * consecutive couplings: chain[k][i] is the row of anchor k that row i of
 * anchor 0 is transported to.
 */
export function couplingChain(set: AnchorSet, rows: Rows[], D: number, rng: Rng): Int32Array[] {
  const chain = [Int32Array.from({ length: set.anchors[0].n }, (_, i) => i)];
  for (const next of intervalCouplings(set, rows, D, rng)) chain.push(Int32Array.from(chain[chain.length - 1], (r) => next[r]));
  return chain;
}

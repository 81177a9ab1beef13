// `npx tsx bench/sparse-bound.ts`: a lower bound on any method's W2 per class for semicircles-sparse
// (anchors t = 0 and 1 only). Classes 0 and 1 (and 2 and 3) have the same law at t = 0 and at t = 1, so a
// surrogate that sees only those anchors gives both classes of a pair the same law Q, and by the triangle
// inequality W2(Q, P0) + W2(Q, P1) ≥ W2(P0, P1): the mean over the pair is at least half their distance.
import { conditionKeys, gatherRows, groupRows } from '../src/core/data/groups';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { w2Squared } from '../src/core/metrics/w2';

const PER_CLASS = 2000;
const bounds = [0.25, 0.5, 0.75].map((t) => {
  const set = semicirclesAnchorSet([t], PER_CLASS, 100);
  const a = set.anchors[0];
  const rows = [...groupRows(conditionKeys(set, a)).values()].map((idx) => gatherRows(a.y, idx, 2));
  const pair = (k: number) => Math.sqrt(w2Squared(rows[k], rows[k + 1], 2).w2sq);
  // Mean over the four classes of the per-class bound: half of each pair's distance.
  const bound = (pair(0) + pair(2)) / 4;
  console.log(`t = ${t}: mean W2 per class ≥ ${bound.toFixed(3)}`);
  return bound;
});
console.log(`mean over t: ≥ ${(bounds.reduce((s, b) => s + b, 0) / bounds.length).toFixed(3)}`);

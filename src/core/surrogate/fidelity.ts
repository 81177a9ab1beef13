import { conditionKeys, gatherRows, groupRows, resizeRows } from '../data/groups';
import type { Anchor, AnchorSet } from '../data/types';
import { meanOfDefined, samplingFloor, spreadRatio } from '../metrics/spread';
import { w2Squared } from '../metrics/w2';
import { Rng } from '../random';
import { allTogether, scoreGroups } from './grouping';
import { pickRows } from '../sampling/start';
import type { AnchorFidelity, SamplingSurrogate } from '../sampling/types';


/**
 * Samples the surrogate at each of its training anchors λ_k from all rows of
 * the first anchor (repeated evenly up to the largest anchor's count) and compares with anchor k's own rows, per condition group
 * as the evaluation groups them (per class; per continuous condition value
 * when every value repeats and the first anchor has each of them; else all
 * rows together). The surrogate's rows are grouped by their start row's
 * condition and cut (first rows) or resampled to the anchor group's size where the sizes differ.
 *
 * W2 alone cannot say whether a surrogate fits: two finite samples of one
 * distribution are apart too. The ratio to the sampling floor can. Where the
 * floor is 0 (every group a single row or identical rows) a W2 within
 * float32 rounding of the data's values counts as exact (ratio 0) and any
 * other W2 as infinitely many floors (ratio Infinity).
 */
export async function anchorFidelity(s: SamplingSurrogate, opts: { seed?: number } = {}): Promise<AnchorFidelity[]> {
  const set = s.data;
  const D = set.dimY;
  const first = set.anchors[0];
  const rng = new Rng(opts.seed ?? 0);
  const firstKeys = conditionKeys(set, first);
  const perAnchor = set.anchors.map((a) => groupRows(conditionKeys(set, a)));
  const startIndex = startRows(set, perAnchor, opts.seed ?? 0);
  const sampler = s.sampler({ startIndex });
  const startGroups = groupRows(Array.from(startIndex, (r) => firstKeys[r]));
  const tolerance = exactTolerance(set.anchors);
  const result: AnchorFidelity[] = [];
  for (const [k, a] of set.anchors.entries()) {
    const out = await sampler.sample(a.lambda);
    let scoring = scoreGroups(set, perAnchor[k], a.n);
    if (scoring.perKey && !scoring.groups.every(([key]) => startGroups.has(key))) scoring = allTogether(a.n);
    let w2 = 0;
    let floor = 0;
    const spreads: number[] = [];
    for (const [key, idx] of scoring.groups) {
      const truth = gatherRows(a.y, idx, D);
      const pool = scoring.perKey ? startGroups.get(key)! : [...startIndex.keys()];
      // At the first anchor the pool's first rows are its own rows, once each; elsewhere a random subset
      // (or even repeats) where the sizes differ, so the ratio there also carries that draw's noise.
      const sur = gatherRows(out.y, a === first ? pool.slice(0, idx.length) : resizeRows(pool, idx.length, rng), D);
      w2 += Math.sqrt(Math.max(0, w2Squared(sur, truth, D).w2sq));
      floor += samplingFloor(truth, D, rng);
      spreads.push(spreadRatio(sur, truth, D));
    }
    const m = scoring.groups.length;
    w2 /= m;
    floor /= m;
    result.push({ lambda: a.lambda, w2, floor, ratio: floorRatio(w2, floor, tolerance), spreadRatio: meanOfDefined(spreads), groups: m });
  }
  return result;
}

/**
 * The first anchor's rows, each condition's rows repeated evenly up to that condition's largest
 * count at any anchor (or the largest anchor's count, where conditions do not recur), so that a
 * surrogate can show every row of an anchor larger than the first. All rows once, in order, where
 * no anchor has more.
 */
function startRows(set: AnchorSet, perAnchor: Map<string, number[]>[], seed: number): Int32Array {
  const most = new Map<string, number>();
  for (const g of perAnchor) for (const [key, idx] of g) most.set(key, Math.max(most.get(key) ?? 0, idx.length));
  const groups = perAnchor[0];
  const recur = [...groups.keys()].every((key) => perAnchor.every((g) => g.has(key)));
  const first = set.anchors[0];
  if (!recur) return pickRows(first.n, Math.max(...set.anchors.map((a) => a.n)), seed);
  if ([...groups].every(([key, rows]) => most.get(key) === rows.length)) return pickRows(first.n, first.n, seed);
  return Int32Array.from([...groups].flatMap(([key, rows], g) => Array.from(pickRows(rows.length, most.get(key)!, seed + g), (i) => rows[i])));
}

/**
 * The W2 below which a surrogate counts as reproducing an anchor exactly.
 * Float32 rounding (standardising with the whole set's mean and scale, and
 * back) moves a value by about 1e-7 of the set's size, not of the anchor's
 * own (an anchor of zeros comes back as ±1e-8), so "exact" is W2 within 1e-6
 * of the RMS norm of the rows of every anchor (and at least 1e-9).
 */
function exactTolerance(anchors: Anchor[]): number {
  let sq = 0;
  let n = 0;
  for (const a of anchors) {
    for (const v of a.y) sq += v * v;
    n += a.n;
  }
  return Math.max(1e-9, 1e-6 * Math.sqrt(sq / Math.max(n, 1)));
}

/** w2 / floor, with the zero-floor rule above. */
function floorRatio(w2: number, floor: number, tolerance: number): number {
  if (floor > 0) return w2 / floor;
  return w2 <= tolerance ? 0 : Infinity;
}

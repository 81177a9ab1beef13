import { couplingGroups } from '../baselines/coupling';
import { gatherRows, resizeRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { solveAssignment } from '../metrics/assignment';
import { squaredDistances } from '../metrics/cost';
import { randomHalves } from '../metrics/spread';
import { Rng } from '../random';
import type { Rows } from '../sampling/types';

/** Rows of a group whose halves are matched; a larger group is subsampled and the result rescaled to its size. */
const GROUP_ROWS = 600;
/** Random splits averaged per group: one split of a small group (or of 1-D outputs) varies a lot. */
const SPLITS = 3;

/** The sampling noise of the coupled moves: per interval, and per condition group where the pace is kept per group. */
export interface MoveNoise {
  /** Per interval, the groups' noise weighted by their pairs (the pace of all rows together uses it). */
  intervals: number[];
  /**
   * Per condition key (conditionKeys), its noise in each interval; null unless every interval couples within
   * shared conditions and two or more groups have two or more rows at every anchor (only those are listed).
   */
  groups: Record<string, number[]> | null;
}

/**
 * How long each interval's mean coupled move reads from sampling noise alone: the mean coupled move
 * between two samples of one distribution. Per condition group of the coupling (couplingGroups), each
 * end's rows are split into random halves, matched exactly (squared cost, as the coupling) and the mean
 * Euclidean length of the matched pairs taken, as moveLengths measures moves; that is rescaled from the
 * halves' size to the group's, as (size)^(−1/max(D, 2)) (how far apart two samples lie shrinks as n^(−1/2)
 * for D ≤ 2 and n^(−1/D) above). Both ends are averaged, and groups are weighted by their coupled pairs.
 * Groups with a single row at either end count as exact (0): one output per input pairs each input with
 * itself. 0 where the conditions do not recur at the next anchor (the coupling then spans conditions).
 * The groups' own noise is kept too, for a pace per group (pace.ts groupLengths).
 */
export function measureMoveNoise(data: AnchorSet, rows: Rows[]): MoveNoise {
  const D = data.dimY;
  const rng = new Rng(20261207);
  const exponent = 1 / Math.max(D, 2);
  // An interior anchor's groups serve the intervals on both sides: measured once.
  const measured = new Map<string, number>();
  const floor = (k: number, idx: number[]): number => {
    const key = `${k}:${idx.length}:${idx[0]}:${idx[idx.length - 1]}`;
    let value = measured.get(key);
    if (value === undefined) measured.set(key, (value = halvesFloor(k, idx)));
    return value;
  };
  const halvesFloor = (k: number, idx: number[]): number => {
    const m = Math.min(idx.length, GROUP_ROWS);
    const half = Math.floor(m / 2);
    let total = 0;
    for (let split = 0; split < SPLITS; split++) {
      const chosen = m < idx.length ? resizeRows(idx, m, rng) : idx;
      const [a, b] = randomHalves(gatherRows(rows[k].y, chosen, D), D, rng);
      const cost = squaredDistances(a, b, D);
      const match = solveAssignment(cost, half);
      let sum = 0;
      for (let i = 0; i < half; i++) sum += Math.sqrt(cost[i * half + match[i]]);
      total += sum / half;
    }
    return (total / SPLITS) * (half / idx.length) ** exponent;
  };
  const K = data.anchors.length - 1;
  const intervals: number[] = [];
  const byGroup = new Map<string, number[]>();
  let everyShared = true;
  for (let k = 0; k < K; k++) {
    const { groups, keys, shared } = couplingGroups(data, k);
    everyShared &&= shared;
    if (!shared) {
      intervals.push(0);
      continue;
    }
    let sum = 0;
    let pairs = 0;
    groups.forEach(([ia, ib], g) => {
      const size = Math.max(ia.length, ib.length);
      pairs += size;
      let noise = 0;
      const sampled = ia.length >= 2 && ib.length >= 2;
      if (sampled) {
        const read = (floor(k, ia) + floor(k + 1, ib)) / 2;
        if (Number.isFinite(read)) noise = read;
      }
      sum += size * noise;
      let row = byGroup.get(keys[g]);
      if (!row) byGroup.set(keys[g], (row = Array<number>(K).fill(Number.NaN)));
      // A group with one row at an end has no noise measured (0 is a convention there): it keeps the shared pace.
      row[k] = sampled ? noise : Number.NaN;
    });
    intervals.push(pairs > 0 ? sum / pairs : 0);
  }
  // Groups present, with two or more rows at both ends, in every interval; where there are two or more of them.
  const complete = [...byGroup].filter(([, row]) => row.every(Number.isFinite));
  const groups = everyShared && complete.length >= 2 ? Object.fromEntries(complete) : null;
  return { intervals, groups };
}

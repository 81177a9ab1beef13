import { conditionKeys, gatherRows, groupRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { MIN_SPREAD_ROWS } from '../geometry/bandwidth';
import { samplingFloor } from '../metrics/spread';
import { Rng } from '../random';
import type { Rows } from '../sampling/types';

/**
 * How long each interval's mean coupled move reads from sampling noise alone: per condition group
 * with at least MIN_SPREAD_ROWS rows at both ends, the sampling floor of each end (the W2 between
 * two halves of its rows) over √2 (two samples of the full size lie about 1/√2 as far apart as two
 * halves, for D ≤ 2), combined as a root mean square over both ends and over groups (weighted by
 * rows). 0 where no group is that large (one output per input: its coupled moves are exact).
 */
export function measureMoveNoise(data: AnchorSet, rows: Rows[]): number[] {
  const D = data.dimY;
  const rng = new Rng(20261207);
  // Per anchor, each condition group's squared floor (or undefined where too small to measure).
  const floors = data.anchors.map((a, k) => {
    const out = new Map<string, { sq: number; n: number }>();
    for (const [key, idx] of groupRows(conditionKeys(data, a))) {
      if (idx.length < MIN_SPREAD_ROWS) continue;
      out.set(key, { sq: samplingFloor(gatherRows(rows[k].y, idx, D), D, rng) ** 2, n: idx.length });
    }
    return out;
  });
  return floors.slice(0, -1).map((here, k) => {
    let sum = 0;
    let weight = 0;
    for (const [key, a] of here) {
      const b = floors[k + 1].get(key);
      if (!b) continue;
      sum += a.n * (a.sq + b.sq) / 4;
      weight += a.n;
    }
    return weight > 0 ? Math.sqrt(sum / weight) : 0;
  });
}

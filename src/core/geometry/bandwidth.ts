import { conditionKeys, gatherRows, groupRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import type { Rows } from '../sampling/types';
import { quantileSorted } from '../metrics/quantile';
import { spread } from '../metrics/spread';

/** What the bandwidth setting may be: a number (standardised output units) or 'auto', the rule below. */
export type BandwidthSetting = number | 'auto';

/** The narrowest bandwidth the rule gives: the value validated on thin curves (semicircles, arcs). */
export const BANDWIDTH_FLOOR = 0.03;
/** The rule's bandwidth per unit of the typical group spread. */
export const BANDWIDTH_PER_SPREAD = 0.07;
/** A group (one anchor, one condition value) with fewer rows says too little about its spread to count. */
export const MIN_SPREAD_ROWS = 10;

/**
 * The typical spread of the data's groups: the median, over every anchor and
 * condition value (class, or a repeated continuous condition) with at least
 * MIN_SPREAD_ROWS rows, of the group's spread (root of its covariance trace),
 * in the standardised units of `rows`. Null when no group is that large (one
 * output per input, as in forecasting or a deterministic network).
 */
export function typicalGroupSpread(data: AnchorSet, rows: Rows[]): number | null {
  const D = data.dimY;
  const spreads: number[] = [];
  data.anchors.forEach((anchor, k) => {
    for (const idx of groupRows(conditionKeys(data, anchor)).values()) {
      if (idx.length >= MIN_SPREAD_ROWS) spreads.push(spread(gatherRows(rows[k].y, idx, D), D));
    }
  });
  if (spreads.length === 0) return null;
  return quantileSorted(spreads.sort((a, b) => a - b), 0.5);
}

/**
 * The potential's bandwidth h_y. A number is used as given. 'auto' scales it
 * with the data: BANDWIDTH_PER_SPREAD × the typical group spread, never below
 * BANDWIDTH_FLOOR (also what data without a measurable spread gets). Why: the
 * potential keeps paths on the data, and a kernel much narrower than the gaps
 * between samples of an area-filling cloud (the β-VAE's latents, spread 1.35
 * standardised) makes it bumpy between the samples, bending paths around them
 * (W2 0.115 against straight lines' 0.066; 0.070 with this rule, BENCHMARKS.md). On thin
 * curves (semicircles, spread 0.43) the floor and the rule agree.
 */
export function resolveBandwidth(setting: BandwidthSetting, data: AnchorSet, rows: Rows[]): number {
  if (setting !== 'auto') return setting;
  const s = typicalGroupSpread(data, rows);
  return s === null ? BANDWIDTH_FLOOR : Math.max(BANDWIDTH_FLOOR, BANDWIDTH_PER_SPREAD * s);
}

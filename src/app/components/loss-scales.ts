import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { LossHistory } from '../store/loss-history';

export type LossKey = 'dual' | 'residual' | 'energy';

/** The loss chart's layout in px of its viewBox: one panel per series, a shared step axis under them. */
export const LOSS_LAYOUT = {
  width: 360,
  left: 52,
  right: 10,
  panel: 62,
  /** Within a panel: the title row above, a gap below the curve. */
  plotTop: 18,
  plotBottom: 6,
  axis: 32,
} as const;

export const lossHeight = (panels: number) => panels * LOSS_LAYOUT.panel + LOSS_LAYOUT.axis;

/** Steps to x, shared by the panels; an empty run spans [0, budget] so the axis is there from the start. */
export function stepScale(history: LossHistory, budget: number): ScaleLinear<number, number> {
  const { left, right, width } = LOSS_LAYOUT;
  const first = history.length ? history.at(0).step : 0;
  const last = history.length ? history.at(history.length - 1).step : budget;
  return scaleLinear().domain([first, Math.max(last, first + 1)]).range([left, width - right]);
}

/** A series' values to y in panel r, over its finite range (rounded outwards to tick values). */
export function valueScale(values: Float64Array, r: number): ScaleLinear<number, number> {
  const { panel, plotTop, plotBottom } = LOSS_LAYOUT;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  // A (nearly) flat series gets a span of 1 % around its level: a flat line with short tick labels,
  // not 3.481413, 3.481414, … stretching the last digits over the panel.
  const minSpan = Math.max(0.01 * Math.max(Math.abs(lo), Math.abs(hi)), 1e-9);
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    [lo, hi] = [mid - minSpan / 2, mid + minSpan / 2];
  }
  const top = r * panel;
  return scaleLinear().domain([lo, hi]).nice(2).range([top + panel - plotBottom, top + plotTop]);
}

/** The last finite value of a series (what the curve shows now), or null. */
export function latest(values: Float64Array): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return null;
}

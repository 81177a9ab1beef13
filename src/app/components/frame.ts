import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
import type { AnchorSet } from '../../core/data/types';

/** Width of every square view's figure, in px of its viewBox. */
export const VIEW_SIZE = 360;
/**
 * Room around the square data area for tick labels and axis titles.
 * left + right = top + bottom, so the data area stays square (equal units on both axes).
 */
export const MARGIN = { top: 10, right: 10, bottom: 46, left: 46 } as const;
/** Side of the square data area. */
export const PLOT_SIZE = VIEW_SIZE - MARGIN.left - MARGIN.right;
/** A strip under the axes for the view's legend. */
export const LEGEND_HEIGHT = 36;
/** Height of every square view's figure: the axes square plus the legend strip. */
export const FIGURE_HEIGHT = VIEW_SIZE + LEGEND_HEIGHT;

/** A square data-to-pixel frame around every anchor sample (shown dims), shared by the views so they line up. */
export interface Frame {
  x0: number;
  y0: number;
  span: number;
  dims: [number, number];
  px(x: number): number;
  py(y: number): number;
  /** Inverse, for grids. */
  dataX(px: number): number;
  dataY(py: number): number;
  /** The same mappings as d3 scales, for the axes. */
  xScale: ScaleLinear<number, number>;
  yScale: ScaleLinear<number, number>;
}

/** Name of output dim d on axes and in menus (anchor files carry no column names beyond y0, y1, …). */
export const dimName = (d: number) => `y${d}`;

/** Range of every anchor sample in the two shown dims. */
export function dataExtent(data: AnchorSet, dims: [number, number]): { xl: number; xh: number; yl: number; yh: number } {
  const D = data.dimY;
  let xl = Infinity, xh = -Infinity, yl = Infinity, yh = -Infinity;
  for (const a of data.anchors) {
    for (let i = 0; i < a.n; i++) {
      const x = a.y[i * D + dims[0]];
      const y = a.y[i * D + dims[1]];
      xl = Math.min(xl, x); xh = Math.max(xh, x); yl = Math.min(yl, y); yh = Math.max(yh, y);
    }
  }
  return { xl, xh, yl, yh };
}

function buildFrame(data: AnchorSet, dims: [number, number]): Frame {
  const { xl, xh, yl, yh } = dataExtent(data, dims);
  const span = Math.max(xh - xl, yh - yl, 1e-9) * 1.1;
  const x0 = (xl + xh) / 2 - span / 2;
  const y0 = (yl + yh) / 2 - span / 2;
  const scale = PLOT_SIZE / span;
  const bottom = MARGIN.top + PLOT_SIZE;
  // Plain arithmetic for px/py: the views call them for thousands of samples on every slider move.
  return {
    x0, y0, span, dims,
    px: (x) => MARGIN.left + (x - x0) * scale,
    py: (y) => bottom - (y - y0) * scale,
    dataX: (px) => x0 + (px - MARGIN.left) / scale,
    dataY: (py) => y0 + (bottom - py) / scale,
    xScale: scaleLinear().domain([x0, x0 + span]).range([MARGIN.left, MARGIN.left + PLOT_SIZE]),
    yScale: scaleLinear().domain([y0, y0 + span]).range([bottom, MARGIN.top]),
  };
}

const frames = new WeakMap<AnchorSet, Map<string, Frame>>();

/**
 * The frame of a dataset's two shown dims, built once per (data, dims): the same object every
 * call, so a λ move neither rescans the anchors nor redraws the axes.
 */
export function frameFor(data: AnchorSet, dims: [number, number]): Frame {
  let byDims = frames.get(data);
  if (!byDims) frames.set(data, (byDims = new Map()));
  const key = `${dims[0]},${dims[1]}`;
  let frame = byDims.get(key);
  if (!frame) byDims.set(key, (frame = buildFrame(data, dims)));
  return frame;
}

/** Range of the first condition dim over rows of C conditions: the ends of the viridis ramp. */
export function firstConditionRange(conds: Float32Array, C: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < conds.length; i += C) { lo = Math.min(lo, conds[i]); hi = Math.max(hi, conds[i]); }
  return [lo, hi];
}

/** Colour of sample i: its class, or its first condition dim on a viridis ramp. */
export function colourer(data: AnchorSet, labels: Int32Array | null, conds?: Float32Array | null): (i: number) => string {
  const cond = data.condition;
  if (cond.kind === 'class' && labels) return (i) => schemeTableau10[labels[i] % 10];
  if (cond.kind === 'continuous' && conds) {
    const C = cond.dim;
    const [lo, hi] = firstConditionRange(conds, C);
    return (i) => interpolateViridis((conds[i * C] - lo) / (hi - lo || 1));
  }
  return () => '#3b6fb6';
}

export const classColour = (k: number) => schemeTableau10[k % 10];

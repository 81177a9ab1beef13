import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateSinebow, interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
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

/**
 * What a view's horizontal axis shows. With two or more output dims, the first shown dim (equal
 * units on both axes). With one output dim (a regression network's prediction, a quantile), the
 * output goes up the vertical axis and across it the row's first input where the condition is
 * continuous, or else a strip: each class its own column, rows spread sideways by their index
 * only so that they can be told apart.
 */
export type Across = { kind: 'output' } | { kind: 'input' } | { kind: 'strip'; columns: number };

export function acrossOf(data: AnchorSet): Across {
  if (data.dimY > 1) return { kind: 'output' };
  if (data.condition.kind === 'continuous') return { kind: 'input' };
  return { kind: 'strip', columns: data.condition.kind === 'class' ? data.condition.values.length : 1 };
}

/** Where row i sits across its strip column: a golden-ratio sequence fills the middle 70 % evenly. */
const stripOffset = (i: number) => 0.5 + 0.7 * (((i * 0.6180339887498949) % 1) - 0.5);

/** A data-to-pixel frame around every anchor sample (shown dims), shared by the views so they line up. */
export interface Frame {
  x0: number;
  y0: number;
  /** Width and height of the data area in data units (equal when both axes show outputs). */
  spanX: number;
  spanY: number;
  dims: [number, number];
  across: Across;
  /** The axes' titles. */
  xTitle: string;
  yTitle: string;
  /** Tick positions and names across a strip (one per class); null for a numeric axis. */
  xTicks: { values: number[]; format: (v: number) => string } | null;
  /**
   * Row i's horizontal data value: output dim dims[0] of y (n × D), its first input from c
   * (n × C; NaN without one), or its place in its class's strip column.
   */
  xOf(y: Float32Array, i: number, c?: Float32Array | null, label?: number): number;
  /** Row i's vertical data value: output dim dims[1] of y. */
  yOf(y: Float32Array, i: number): number;
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

/** Range of every anchor sample along the frame's two axes (the horizontal one as acrossOf says). */
export function dataExtent(data: AnchorSet, dims: [number, number]): { xl: number; xh: number; yl: number; yh: number } {
  const D = data.dimY;
  const across = acrossOf(data);
  const C = data.condition.kind === 'continuous' ? data.condition.dim : 0;
  let xl = Infinity, xh = -Infinity, yl = Infinity, yh = -Infinity;
  for (const a of data.anchors) {
    for (let i = 0; i < a.n; i++) {
      const x = across.kind === 'input' ? a.c![i * C] : a.y[i * D + dims[0]];
      const y = a.y[i * D + dims[1]];
      xl = Math.min(xl, x); xh = Math.max(xh, x); yl = Math.min(yl, y); yh = Math.max(yh, y);
    }
  }
  if (across.kind === 'strip') [xl, xh] = [0, across.columns];
  return { xl, xh, yl, yh };
}

/**
 * The field grid's range along the frame's axes: the anchor samples' extent with 5 % on each
 * side. Across a strip the field does not vary: it spans the column of the class it is drawn for
 * (`classIndex`), or the one column without classes.
 */
export function fieldRange(data: AnchorSet, dims: [number, number], classIndex = 0): { x: [number, number]; y: [number, number] } {
  const { xl, xh, yl, yh } = dataExtent(data, dims);
  const padY = 0.05 * (yh - yl || 1);
  const y: [number, number] = [yl - padY, yh + padY];
  if (acrossOf(data).kind === 'strip') {
    const k = data.condition.kind === 'class' ? Math.max(0, classIndex) : 0;
    return { x: [k, k + 1], y };
  }
  const padX = 0.05 * (xh - xl || 1);
  return { x: [xl - padX, xh + padX], y };
}

function buildFrame(data: AnchorSet, dims: [number, number]): Frame {
  const { xl, xh, yl, yh } = dataExtent(data, dims);
  const across = acrossOf(data);
  const D = data.dimY;
  const C = data.condition.kind === 'continuous' ? data.condition.dim : 0;
  // Equal units where both axes are outputs; otherwise each axis its own, the strip's columns edge to edge.
  const equal = across.kind === 'output';
  const spanY = equal ? Math.max(xh - xl, yh - yl, 1e-9) * 1.1 : Math.max(yh - yl, 1e-9) * 1.1;
  const spanX = equal ? spanY : across.kind === 'strip' ? across.columns : Math.max(xh - xl, 1e-9) * 1.1;
  const x0 = across.kind === 'strip' ? 0 : (xl + xh) / 2 - spanX / 2;
  const y0 = (yl + yh) / 2 - spanY / 2;
  const sx = PLOT_SIZE / spanX;
  const sy = PLOT_SIZE / spanY;
  const bottom = MARGIN.top + PLOT_SIZE;
  const [a, b] = dims;
  const xOf: Frame['xOf'] =
    across.kind === 'output' ? (y, i) => y[i * D + a]
    : across.kind === 'input' ? (_y, i, c) => (c ? c[i * C] : Number.NaN)
    : (_y, i, _c, label) => (label ?? 0) + stripOffset(i);
  const classes = data.condition.kind === 'class' ? data.condition.values : null;
  // Plain arithmetic for px/py: the views call them for thousands of samples on every slider move.
  return {
    x0, y0, spanX, spanY, dims, across,
    xTitle: across.kind === 'output' ? dimName(a) : across.kind === 'input' ? 'c0 (input)' : classes ? 'class (rows spread sideways to be seen)' : 'rows, spread sideways to be seen',
    yTitle: dimName(b),
    xTicks: across.kind === 'strip' ? { values: Array.from({ length: across.columns }, (_, k) => k + 0.5), format: (v) => (classes ? String(classes[Math.floor(v)]) : '') } : null,
    xOf,
    yOf: (y, i) => y[i * D + b],
    px: (x) => MARGIN.left + (x - x0) * sx,
    py: (y) => bottom - (y - y0) * sy,
    dataX: (px) => x0 + (px - MARGIN.left) / sx,
    dataY: (py) => y0 + (bottom - py) / sy,
    xScale: scaleLinear().domain([x0, x0 + spanX]).range([MARGIN.left, MARGIN.left + PLOT_SIZE]),
    yScale: scaleLinear().domain([y0, y0 + spanY]).range([bottom, MARGIN.top]),
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
  if (cond.kind === 'class' && labels) return (i) => classColour(labels[i], cond.values.length);
  if (cond.kind === 'continuous' && conds) {
    const C = cond.dim;
    const [lo, hi] = firstConditionRange(conds, C);
    return (i) => interpolateViridis((conds[i * C] - lo) / (hi - lo || 1));
  }
  return () => '#3b6fb6';
}

/**
 * Colour of class k of `count`: Tableau 10 up to ten classes; beyond, Tableau 10 would repeat (class
 * 10 drawn as class 0), so every class gets its own hue around the colour wheel, stepped by the
 * golden angle so that classes next to each other in order are far apart in hue.
 */
export function classColour(k: number, count: number): string {
  if (count <= schemeTableau10.length) return schemeTableau10[k];
  return interpolateSinebow((k * 0.6180339887498949) % 1);
}

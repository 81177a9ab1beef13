import { interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
import type { AnchorSet } from '../../core/data/types';

export const VIEW_SIZE = 360;
const PAD = 16;

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
}

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

export function frameFor(data: AnchorSet, dims: [number, number], size = VIEW_SIZE): Frame {
  const { xl, xh, yl, yh } = dataExtent(data, dims);
  const span = Math.max(xh - xl, yh - yl, 1e-9) * 1.1;
  const x0 = (xl + xh) / 2 - span / 2;
  const y0 = (yl + yh) / 2 - span / 2;
  const scale = (size - 2 * PAD) / span;
  return {
    x0, y0, span, dims,
    px: (x) => PAD + (x - x0) * scale,
    py: (y) => size - PAD - (y - y0) * scale,
    dataX: (px) => x0 + (px - PAD) / scale,
    dataY: (py) => y0 + (size - PAD - py) / scale,
  };
}

/** Colour of sample i: its class, or its first condition dim on a viridis ramp. */
export function colourer(data: AnchorSet, labels: Int32Array | null, conds?: Float32Array | null): (i: number) => string {
  const cond = data.condition;
  if (cond.kind === 'class' && labels) return (i) => schemeTableau10[labels[i] % 10];
  if (cond.kind === 'continuous' && conds) {
    const C = cond.dim;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < conds.length; i += C) { lo = Math.min(lo, conds[i]); hi = Math.max(hi, conds[i]); }
    return (i) => interpolateViridis((conds[i * C] - lo) / (hi - lo || 1));
  }
  return () => '#3b6fb6';
}

export const classColour = (k: number) => schemeTableau10[k % 10];

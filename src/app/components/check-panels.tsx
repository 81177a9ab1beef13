import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import type { ReactNode } from 'react';
import type { DemoOutput } from '../../core/demo/types';
import { Axis } from './Axes';

/**
 * The pieces of the check's figure: three panels side by side in one SVG (so it exports whole),
 * each with its own axes, and what can be drawn in them (curves, a heatmap, a scatter, clouds).
 */
export const PANEL_W = 200;
export const FIGURE_H = 232;
const INNER = { l: 38, r: 8, t: 22, b: 30 };

type Scale = ScaleLinear<number, number>;

/** Scales of panel `i` over the given data ranges (padded 5 %). */
export function panelScales(i: number, [x0, x1]: [number, number], [y0, y1]: [number, number]): { x: Scale; y: Scale } {
  const pad = (lo: number, hi: number): [number, number] => {
    const m = 0.05 * (hi - lo || 1);
    return [lo - m, hi + m];
  };
  const left = i * PANEL_W;
  return {
    x: scaleLinear().domain(pad(x0, x1)).range([left + INNER.l, left + PANEL_W - INNER.r]),
    y: scaleLinear().domain(pad(y0, y1)).range([FIGURE_H - INNER.b, INNER.t]),
  };
}

/** A titled panel with bottom and left axes. */
export function Panel({ i, title, x, y, children }: { i: number; title: string; x: Scale; y: Scale; children: ReactNode }) {
  const left = i * PANEL_W;
  return (
    <g>
      <text x={left + INNER.l + (PANEL_W - INNER.l - INNER.r) / 2} y={14} textAnchor="middle" fontSize={12} fontWeight={600} fill="currentColor">
        {title}
      </text>
      <Axis orient="bottom" scale={x} at={FIGURE_H - INNER.b} ticks={3} />
      <Axis orient="left" scale={y} at={left + INNER.l} ticks={4} />
      {children}
    </g>
  );
}

/** Min and max of every value given. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      lo = Math.min(lo, a[i]);
      hi = Math.max(hi, a[i]);
    }
  }
  return [lo, hi];
}

/** Every `stride`-th value from `offset` (one column of a row-major table). */
export function column(a: ArrayLike<number>, stride: number, offset: number): Float32Array {
  return Float32Array.from({ length: Math.floor(a.length / stride) }, (_, i) => a[i * stride + offset]);
}

/** A 1-D output read at 1-D probe inputs, as a line over x. */
export function Curve({ out, x, y, colour, width = 1.8, dash, opacity }: { out: DemoOutput; x: Scale; y: Scale; colour: string; width?: number; dash?: string; opacity?: number }) {
  const order = Array.from({ length: out.n }, (_, i) => i).sort((a, b) => out.c![a] - out.c![b]);
  return (
    <polyline
      fill="none"
      stroke={colour}
      strokeWidth={width}
      strokeDasharray={dash}
      strokeOpacity={opacity}
      points={order.map((i) => `${x(out.c![i]).toFixed(1)},${y(out.y[i]).toFixed(1)}`).join(' ')}
    />
  );
}

/** 2-D output points. */
export function Cloud({ out, x, y, colour, r = 1.7, opacity = 0.75 }: { out: DemoOutput; x: Scale; y: Scale; colour: string; r?: number; opacity?: number }) {
  return (
    <g fill={colour} fillOpacity={opacity}>
      {Array.from({ length: out.n }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: i is the output row, its identity
        <circle key={i} cx={x(out.y[2 * i]).toFixed(1)} cy={y(out.y[2 * i + 1]).toFixed(1)} r={r} />
      ))}
    </g>
  );
}

/** A diverging colour for a value in [−m, m]: red below 0, white at 0, blue above. */
export const divergingColour = (v: number, m: number) => interpolateRdBu(0.5 + 0.5 * Math.max(-1, Math.min(1, v / (m || 1))));

/** A 1-D output on a 2-D probe grid, one cell per probe point, coloured by `colour`. */
export function Heatmap({ out, x, y, colour }: { out: DemoOutput; x: Scale; y: Scale; colour: (v: number) => string }) {
  const c = out.c!;
  const step = (values: Float32Array) => {
    const u = [...new Set(values)].sort((a, b) => a - b);
    return u.length > 1 ? u[1] - u[0] : 1;
  };
  const dx = step(column(c, 2, 0));
  const dy = step(column(c, 2, 1));
  const w = Math.abs(x(dx) - x(0));
  const h = Math.abs(y(dy) - y(0));
  return (
    <g>
      {Array.from({ length: out.n }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: i is the probe point, its identity
        <rect key={i} x={(x(c[2 * i]) - w / 2).toFixed(1)} y={(y(c[2 * i + 1]) - h / 2).toFixed(1)} width={w.toFixed(1)} height={h.toFixed(1)} fill={colour(out.y[i])} />
      ))}
    </g>
  );
}

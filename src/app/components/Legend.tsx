import { scaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { memo, useId, useMemo } from 'react';
import type { ClassLabel } from '../../core/data/types';
import { Axis } from './Axes';
import { formatValue } from './format';
import { classColour, MARGIN, PLOT_SIZE } from './frame';

/** How a legend entry is drawn: a filled dot, a dashed line, a ring (a baseline's samples), an outlined ellipse. */
export type KeyMark = 'dot' | 'dash' | 'ring' | 'ellipse' | 'none';
export interface KeyItem {
  label: string;
  /** A colour, or currentColor for the figure's text colour. */
  colour: string;
  mark?: KeyMark;
  /** Drawn faint: a hidden class, a background layer. */
  faint?: boolean;
  /** The mark's own opacity, where its layer is drawn see-through (the anchor samples at 0.5). */
  markOpacity?: number;
  /** A shorter label for a crowded legend (a class's name without "class "). */
  short?: string;
  /** A class entry: in a legend too crowded for every entry, the classes past the room left are summed up in one "+N more". */
  isClass?: boolean;
}

/** Room a legend strip has: under the data area, to the figure's right edge. */
const WIDTH = PLOT_SIZE + MARGIN.right;
const ROW = 16;
/** A rough text width at 11 px, to lay entries out without measuring the DOM. */
const textWidth = (s: string) => 6.2 * s.length;

function Mark({ mark, colour }: { mark: KeyMark; colour: string }) {
  if (mark === 'none') return null;
  if (mark === 'dash') return <line x1={0} x2={14} y1={0} y2={0} stroke={colour} strokeWidth={1.5} strokeDasharray="3 3" />;
  if (mark === 'ring') return <circle cx={6} cy={0} r={4} fill="none" stroke={colour} strokeWidth={1.2} />;
  // A rounded rect, not an <ellipse>: the view's ellipses stay the only ones in its figure.
  if (mark === 'ellipse') return <rect x={0} y={-3.5} width={14} height={7} rx={7} ry={3.5} fill={colour} fillOpacity={0.25} stroke={colour} strokeWidth={0.8} />;
  return <circle cx={6} cy={0} r={4.5} fill={colour} />;
}

/** Rows of entries the legend strip under the axes holds (frame.ts LEGEND_HEIGHT). */
const MAX_ROWS = 2;

interface Placed {
  item: KeyItem;
  x: number;
  y: number;
}

/** Entries laid out in rows, each a mark and its label, wrapping when the strip is full. */
function layout(items: KeyItem[], short: boolean): Placed[] {
  let x = 0;
  let row = 0;
  return items.map((item) => {
    const text = short ? (item.short ?? item.label) : item.label;
    const w = 22 + textWidth(text) + 12;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      row++;
    }
    const at = { item: short && item.short ? { ...item, label: text } : item, x, y: 8 + row * ROW };
    x += w;
    return at;
  });
}

const fits = (placed: Placed[]) => placed.every((p) => p.y < 8 + MAX_ROWS * ROW);

/**
 * Entries in rows, wrapping onto a new row when the strip is full. Where they need more rows than
 * the strip has (many classes), the classes are named by their value alone; where that is still
 * too many, the last classes that do not fit become one "+N more" entry (every class stays listed,
 * in its colour, under "Classes shown"), and the other keys (rings, lines) always stay.
 */
export const KeyLegend = memo(function KeyLegend({ items, testId }: { items: KeyItem[]; testId?: string }) {
  let placed = layout(items, false);
  if (!fits(placed)) placed = layout(items, true);
  const classes = items.filter((i) => i.isClass);
  for (let keep = classes.length - 1; !fits(placed) && keep >= 0; keep--) {
    const dropped = new Set(classes.slice(keep));
    const more: KeyItem = { label: `+${classes.length - keep} more`, colour: 'currentColor', mark: 'none' };
    const shown = items.filter((i) => !dropped.has(i));
    const at = shown.findIndex((i) => !i.isClass);
    placed = layout(at < 0 ? [...shown, more] : [...shown.slice(0, at), more, ...shown.slice(at)], true);
  }
  return (
    <g className="key-legend" data-testid={testId} fontSize={11}>
      {placed.map(({ item, x, y }) => (
        <g key={item.label} className="legend-item" transform={`translate(${x},${y})`} opacity={item.faint ? 0.4 : 1}>
          <g opacity={item.markOpacity}>
            <Mark mark={item.mark ?? 'dot'} colour={item.colour} />
          </g>
          <text x={20} dy="0.35em" fill="currentColor">
            {item.label}
          </text>
        </g>
      ))}
    </g>
  );
});

/** Legend entries for a dataset's classes, in their plotting colours; hidden classes drawn faint. */
export function classKeys(values: readonly ClassLabel[], hidden: number[] = []): KeyItem[] {
  return values.map((v, k) => ({ label: `class ${shortLabel(v)}`, short: shortLabel(v), colour: classColour(k, values.length), faint: hidden.includes(k), isClass: true }));
}

/** A class name cut to fit one legend entry (a name from the file can be a sentence). */
const LONGEST_LABEL = 24;
function shortLabel(v: ClassLabel): string {
  const s = String(v);
  return s.length > LONGEST_LABEL ? `${s.slice(0, LONGEST_LABEL - 1)}…` : s;
}

/**
 * A viridis colour bar from lo to hi with its values on a d3 axis: the continuous condition's
 * colours, or the potential's heatmap. `ends` name what the two ends mean.
 */
export const RampLegend = memo(function RampLegend({ lo, hi, label, ends, testId }: { lo: number; hi: number; label: string; ends?: [string, string]; testId?: string }) {
  const gradient = `ramp-${useId().replace(/[^\w-]/g, '')}`;
  const left = 8 + textWidth(label);
  const width = Math.min(200, WIDTH - left - 8);
  const top = ends ? 12 : 2;
  const scale = useMemo(() => scaleLinear().domain([lo, hi]).range([left, left + width]), [lo, hi, left, width]);
  return (
    <g className="ramp-legend" data-testid={testId} fontSize={11}>
      <defs>
        <linearGradient id={gradient}>
          {Array.from({ length: 11 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the stops are a fixed scale
            <stop key={i} offset={`${i * 10}%`} stopColor={interpolateViridis(i / 10)} />
          ))}
        </linearGradient>
      </defs>
      <text x={0} y={top + 5} dy="0.35em" fill="currentColor">
        {label}
      </text>
      {ends && (
        <>
          <text x={left} y={6} fill="currentColor" fontSize={10}>
            {ends[0]}
          </text>
          <text x={left + width} y={6} fill="currentColor" fontSize={10} textAnchor="end">
            {ends[1]}
          </text>
        </>
      )}
      <rect x={left} y={top} width={width} height={10} fill={`url(#${gradient})`} />
      <Axis orient="bottom" scale={scale} at={top + 10} ticks={4} tickSize={4} tickFormat={formatValue} />
    </g>
  );
});

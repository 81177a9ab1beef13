import { axisBottom, axisLeft } from 'd3-axis';
import type { ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { memo, useEffect, useRef } from 'react';
import { type Frame, MARGIN, PLOT_SIZE } from './frame';

export interface AxisProps {
  orient: 'bottom' | 'left';
  scale: ScaleLinear<number, number>;
  /** Where the axis line sits: its y for a bottom axis, its x for a left one. */
  at: number;
  /** About how many ticks (d3 picks round values), unless tickValues are given. */
  ticks?: number;
  tickValues?: number[];
  tickFormat?: (v: number) => string;
  tickSize?: number;
}

/**
 * One d3 axis in an SVG group. d3 owns the group's children; React only places it. Memoised and
 * redrawn only when its scale or ticks change, so pass stable props (a frame's scales, memoised arrays).
 */
export const Axis = memo(function Axis({ orient, scale, at, ticks, tickValues, tickFormat, tickSize }: AxisProps) {
  const group = useRef<SVGGElement>(null);
  useEffect(() => {
    const axis = (orient === 'bottom' ? axisBottom(scale) : axisLeft(scale)).ticks(ticks ?? 6);
    if (tickValues) axis.tickValues(tickValues);
    if (tickFormat) axis.tickFormat((v) => tickFormat(Number(v)));
    if (tickSize !== undefined) axis.tickSize(tickSize);
    select(group.current!).call(axis);
  }, [orient, scale, ticks, tickValues, tickFormat, tickSize]);
  return <g ref={group} className={`axis axis-${orient}`} transform={orient === 'bottom' ? `translate(0,${at})` : `translate(${at},0)`} />;
});

/** An axis title, in the figure's text colour (attributes, not CSS, so exported files keep them). */
export function AxisTitle({ x, y, vertical, children }: { x: number; y: number; vertical?: boolean; children: string }) {
  return (
    <text className="axis-title" x={x} y={y} transform={vertical ? `rotate(-90 ${x} ${y})` : undefined} textAnchor="middle" fontSize={12} fill="currentColor">
      {children}
    </text>
  );
}

/** Bottom and left axes of a square view's frame, titled with what they show (a strip's columns named by class). */
export const FrameAxes = memo(function FrameAxes({ frame }: { frame: Frame }) {
  const bottom = MARGIN.top + PLOT_SIZE;
  return (
    <g className="axes">
      <Axis orient="bottom" scale={frame.xScale} at={bottom} tickValues={frame.xTicks?.values} tickFormat={frame.xTicks?.format} />
      <Axis orient="left" scale={frame.yScale} at={MARGIN.left} />
      <AxisTitle x={MARGIN.left + PLOT_SIZE / 2} y={bottom + 34}>{frame.xTitle}</AxisTitle>
      <AxisTitle x={12} y={MARGIN.top + PLOT_SIZE / 2} vertical>{frame.yTitle}</AxisTitle>
    </g>
  );
});

import { type ReactNode, type SVGProps, useId } from 'react';
import { FrameAxes } from './Axes';
import { FIGURE_HEIGHT, type Frame, MARGIN, PLOT_SIZE, VIEW_SIZE } from './frame';
import './plots.css';

/**
 * A square view's figure: optional canvas layers (`under`, each VIEW_SIZE × FIGURE_HEIGHT) under
 * one SVG holding the vector data (`children`, clipped to the data area), the axes and the legend
 * strip. Every layer shares one coordinate system, so exportView can stack them into one image.
 * `label` names an all-SVG figure for screen readers; without it (a canvas names the view) the
 * SVG is hidden from them.
 */
export function PlotFigure({ frame, under, legend, label, children, ...svg }: { frame: Frame | null; under?: ReactNode; legend?: ReactNode; label?: string; children?: ReactNode } & SVGProps<SVGSVGElement>) {
  const clip = `plot-area-${useId().replace(/[^\w-]/g, '')}`;
  return (
    <div className="plot-figure">
      {under}
      <svg width={VIEW_SIZE} height={FIGURE_HEIGHT} viewBox={`0 0 ${VIEW_SIZE} ${FIGURE_HEIGHT}`} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} fontFamily="sans-serif" {...svg}>
        <clipPath id={clip}>
          <rect x={MARGIN.left} y={MARGIN.top} width={PLOT_SIZE} height={PLOT_SIZE} />
        </clipPath>
        <g className="plot-data" clipPath={`url(#${clip})`}>
          {children}
        </g>
        {frame && <FrameAxes frame={frame} />}
        <g className="legend" transform={`translate(${MARGIN.left},${VIEW_SIZE})`}>
          {legend}
        </g>
      </svg>
    </div>
  );
}

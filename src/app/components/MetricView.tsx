import { memo } from 'react';
import { heldReason } from '../../core/geometry/straight-check';
import { shownPicture } from '../store/kept-picture';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import { AnchorSamples } from './AnchorSamples';
import { fieldSubject } from './field-subject';
import { frameFor, MARGIN, PLOT_SIZE } from './frame';
import { KeyLegend } from './Legend';
import { PlotFigure } from './PlotFigure';

/** Eigen-decomposition of a symmetric 2 × 2 matrix: eigenvalues (large first) and the angle of the first eigenvector. */
function eig2(a: number, b: number, d: number): { l1: number; l2: number; angle: number } {
  const m = (a + d) / 2;
  const r = Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return { l1: m + r, l2: m - r, angle: 0.5 * Math.atan2(2 * b, a - d) };
}

/**
 * The learned metric G on a grid, as ellipses whose axes are G's
 * eigenvectors scaled by its eigenvalues: long axes are the directions that
 * are expensive to move along, short axes the cheap ones the data travels,
 * over the anchor samples of the class it is drawn for.
 */
export function MetricView() {
  const data = useStore((s) => s.data);
  const fields = useStore((s) => shownPicture(s).metricField);
  const variant = useStore((s) => shownPicture(s).config?.variant);
  const held = useStore((s) => shownPicture(s).modelResolved?.metric?.learns === false);
  const dims = useStore((s) => s.dims);
  const pal = useStore(paletteOf);
  if (!data) return null;
  const f = frameFor(data, fields?.request.dims ?? dims);
  const req = fields?.request;
  const G = fields?.metric;
  const cell = req ? (f.px(req.x[1]) - f.px(req.x[0])) / Math.max(1, req.nx - 1) : 0;
  return (
    <PlotFigure frame={f} legend={<MetricLegend />} data-testid="metric-view" data-class={req?.classIndex} label="Metric field">
      <AnchorSamples data={data} frame={f} classIndex={req?.classIndex ?? -1} />
      {!G && (
        // Along the top edge, where the data's frame leaves a margin, rather than over the samples in the middle; a halo in the background colour keeps it legible where samples reach it.
        <text
          x={MARGIN.left + PLOT_SIZE / 2}
          y={MARGIN.top + 14}
          textAnchor="middle"
          fontSize={13}
          fill={pal.muted}
          stroke={pal.background}
          strokeWidth={4}
          paintOrder="stroke"
          strokeLinejoin="round">
          {variant?.startsWith('euclidean') ? 'Euclidean metric: G = I everywhere' : held ? 'Metric held at G = I everywhere' : 'waiting for the model…'}
        </text>
      )}
      {G &&
        req &&
        Array.from({ length: req.nx * req.ny }, (_, p) => {
          const ix = Math.floor(p / req.ny);
          const iy = p % req.ny;
          const x = req.x[0] + ((req.x[1] - req.x[0]) * ix) / (req.nx - 1);
          const y = req.y[0] + ((req.y[1] - req.y[0]) * iy) / (req.ny - 1);
          const { l1, l2, angle } = eig2(G[4 * p], G[4 * p + 1], G[4 * p + 3]);
          const scale = (0.45 * cell) / 1;
          return (
            <ellipse
              // biome-ignore lint/suspicious/noArrayIndexKey: p is the grid cell, a stable identity
              key={p}
              cx={f.px(x)}
              cy={f.py(y)}
              rx={Math.max(0.5, l1 * scale)}
              ry={Math.max(0.5, l2 * scale)}
              transform={`rotate(${(-angle * 180) / Math.PI} ${f.px(x)} ${f.py(y)})`}
              fill={pal.accentFill}
              stroke={pal.accent}
              strokeWidth={0.8}
            />
          );
        })}
    </PlotFigure>
  );
}

/** The dots (the data, of the class drawn) and the ellipses. */
const MetricLegend = memo(function MetricLegend() {
  const data = useStore((s) => s.data);
  const classIndex = useStore((s) => shownPicture(s).metricField?.request.classIndex ?? -1);
  const accent = useStore((s) => paletteOf(s).accent);
  const drawn = useStore((s) => shownPicture(s).metricField?.metric != null);
  const subject = data ? fieldSubject(data, classIndex) : '';
  const samples = { label: `anchor samples${subject.startsWith('class') ? ` (${subject})` : ''}`, colour: 'currentColor', markOpacity: 0.5 };
  // The ellipses' key only where ellipses are drawn.
  return <KeyLegend items={drawn ? [samples, { label: 'G: axes ∝ eigenvalues', colour: accent, mark: 'ellipse' as const }] : [samples]} />;
});

/** The caption; where the drawn model's learned metric was held at G = I, why (the paths are straight lines, or follow the transport spline). */
export function MetricCaption({ sliceNote }: { sliceNote: string }) {
  const choice = useStore((s) => shownPicture(s).modelResolved?.metric ?? null);
  // Without a potential a held metric means straight lines (faint and spline choices say so themselves); with one, the potential may still bend them.
  const straight = useStore((s) => shownPicture(s).modelResolved?.alpha === 0);
  const base = 'G as ellipses: axes are its eigenvectors scaled by its eigenvalues (standardised units).';
  if (!choice || choice.learns) return <>{base}{sliceNote}</>;
  const saysPaths = choice.spline || choice.faint;
  return (
    <span data-testid="metric-held">
      Metric held at G = I{straight && !saysPaths ? ', so paths are straight lines' : ''}: {heldReason(choice)}. No ellipses to draw.
    </span>
  );
}

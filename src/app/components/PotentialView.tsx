import { interpolateViridis } from 'd3-scale-chromatic';
import { useEffect, useRef } from 'react';
import { variantParts } from '../../core/config';
import { type AppState, useStore } from '../store/store';
import { paletteOf } from '../theme';
import { figureContext, keepCrisp } from './crisp-canvas';
import { fieldSubject } from './field-subject';
import { FIGURE_HEIGHT, frameFor, MARGIN, PLOT_SIZE, VIEW_SIZE } from './frame';
import { RampLegend } from './Legend';
import { PlotFigure } from './PlotFigure';

/** The legend's lines where no potential is drawn; constants, so the store selector below returns the same array each time. */
const NO_POTENTIAL = {
  variant: ['This variant has no density potential.'],
  pending: [],
  steady: ['No density potential: α auto = 0, as the', 'anchors show clouds moving at a steady pace.'],
  unmeasured: ['No density potential: α auto = 0: too few', 'outputs per input or class to show a route.'],
  detour: ['No density potential: α auto = 0: the data', 'join the anchors only by a long detour.'],
  zero: ['No density potential: α = 0.'],
} as const;

/**
 * Why the installed model draws no potential (its variant has none, or its weight α is 0, set or
 * chosen by 'auto'), in lines short enough for the legend's two rows at phone width.
 */
function whyNoPotential(s: AppState): readonly string[] {
  const config = s.config;
  if (!config || !variantParts(config.variant).potential) return NO_POTENTIAL.variant;
  // A model with a potential whose field is not drawn yet.
  if ((s.modelResolved?.alpha ?? 1) > 0) return NO_POTENTIAL.pending;
  const why = s.modelResolved?.alphaReason;
  if (why === 'steady' || why === 'unmeasured' || why === 'detour') return NO_POTENTIAL[why];
  return NO_POTENTIAL.zero;
}

/** The density potential U (≤ 0; 0 where the pooled anchor density peaks) as a heatmap, with its colour bar. */
export function PotentialView() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = useStore((s) => s.data);
  const fields = useStore((s) => s.potentialField);
  const pal = useStore(paletteOf);
  const dims = useStore((s) => s.dims);
  const absent = useStore(whyNoPotential);
  const U = fields?.potential ?? null;
  let lo = 0;
  let hi = 0;
  if (U) {
    lo = Infinity;
    hi = -Infinity;
    for (const v of U) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  useEffect(() => {
    const draw = () => {
      const ctx = figureContext(canvas.current);
      if (!ctx) return;
      ctx.clearRect(0, 0, VIEW_SIZE, FIGURE_HEIGHT);
      if (!U || !fields || !data) return;
      const req = fields.request;
      const f = frameFor(data, req.dims);
      const cw = (f.px(req.x[1]) - f.px(req.x[0])) / (req.nx - 1);
      const ch = (f.py(req.y[0]) - f.py(req.y[1])) / (req.ny - 1);
      // One pixel per grid point, scaled up without smoothing: square cells and no seams between
      // them (abutting anti-aliased rectangles let the panel show through as faint grid lines).
      const cells = document.createElement('canvas');
      cells.width = req.nx;
      cells.height = req.ny;
      const cctx = cells.getContext('2d');
      if (!cctx) return;
      const img = cctx.createImageData(req.nx, req.ny);
      for (let ix = 0; ix < req.nx; ix++) {
        for (let iy = 0; iy < req.ny; iy++) {
          // viridis gives '#rrggbb'.
          const hex = Number.parseInt(interpolateViridis((U[ix * req.ny + iy] - lo) / (hi - lo || 1)).slice(1), 16);
          const o = 4 * ((req.ny - 1 - iy) * req.nx + ix);
          img.data[o] = hex >> 16;
          img.data[o + 1] = (hex >> 8) & 255;
          img.data[o + 2] = hex & 255;
          img.data[o + 3] = 255;
        }
      }
      cctx.putImageData(img, 0, 0);
      // Edge cells reach half a cell past the grid: keep them off the axes.
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, PLOT_SIZE, PLOT_SIZE);
      ctx.clip();
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(cells, f.px(req.x[0]) - cw / 2, f.py(req.y[1]) - ch / 2, cw * req.nx, ch * req.ny);
      ctx.restore();
    };
    draw();
    return keepCrisp(canvas.current, draw);
  }, [U, fields, data, lo, hi]);
  const legend = U ? (
    <RampLegend lo={lo} hi={hi} label="U" ends={['empty: costly', 'dense: cheap']} testId="potential-legend" />
  ) : (
    <text y={16} fontSize={12} fill={pal.muted} data-testid="potential-legend">
      {absent.map((line, i, lines) => (
        <tspan key={line} x={0} dy={i === 0 ? 0 : 15}>
          {i < lines.length - 1 ? `${line} ` : line}
        </tspan>
      ))}
    </text>
  );
  return (
    <PlotFigure
      frame={data ? frameFor(data, fields?.request.dims ?? dims) : null}
      legend={legend}
      under={<canvas ref={canvas} width={VIEW_SIZE} height={FIGURE_HEIGHT} data-testid="potential-view" role="img" aria-label="Density potential heatmap" />}
    />
  );
}

/** The caption, naming the class (or condition) whose potential is drawn; where the model has none, what would be drawn. */
export function PotentialCaption({ sliceNote }: { sliceNote: string }) {
  const data = useStore((s) => s.data);
  const classIndex = useStore((s) => s.potentialField?.request.classIndex ?? s.fieldClass);
  const absent = useStore(whyNoPotential).length > 0;
  const subject = data ? fieldSubject(data, classIndex) : '';
  if (absent) return <>Where a model has a potential, this shows α·log of the pooled anchor density, shifted so its peak is 0.</>;
  return (
    <>
      α·log of the pooled anchor density{subject && ` of ${subject}`}, shifted so its peak is 0.{sliceNote}
    </>
  );
}

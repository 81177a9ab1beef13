import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from '../store/store';
import { reportDrawn } from '../testing/test-api';
import { type Palette, paletteOf } from '../theme';
import { methodLabel } from '../../core/surrogate/methods';
import { lambdaFormat } from './format';
import { figureContext, keepCrisp } from './crisp-canvas';
import { FIGURE_HEIGHT, firstConditionRange, frameFor, MARGIN, PLOT_SIZE, VIEW_SIZE } from './frame';
import { classKeys, KeyLegend, RampLegend } from './Legend';
import { MARK_RADIUS, type OutputMarks, outputMarks } from './output-marks';
import { outputsSvg } from './outputs-svg';
import { PlotFigure } from './PlotFigure';
import { setVectorLayer } from './vector-layers';

/**
 * Surrogate samples at the slider's λ over faint anchor samples, on a 2-D
 * canvas. Redraws through a store subscription (not React renders) and
 * records how long each slider update takes.
 */
export function OutputView() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const lambda = useStore((s) => s.settings.lambda);

  useEffect(() => {
    const draw = () => {
      const t0 = performance.now();
      const state = useStore.getState();
      const ctx = figureContext(canvas.current);
      const marks = outputMarks(state);
      if (!ctx || !marks) return;
      ctx.clearRect(0, 0, VIEW_SIZE, FIGURE_HEIGHT);
      paintMarks(ctx, marks, paletteOf(state));
      reportDrawn('overlay', marks.overlayDrawn);
      reportDrawn('outputs', marks.drawn);
      if (marks.drawn) useStore.getState().setView({ msPerUpdate: performance.now() - t0 });
    };
    draw();
    // Exports write the same marks as circles, not a picture of this canvas.
    const unregister = setVectorLayer(canvas.current, () => {
      const state = useStore.getState();
      const marks = outputMarks(state);
      return marks ? outputsSvg(marks, paletteOf(state)) : '';
    });
    const unwatch = keepCrisp(canvas.current, draw);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (
        s.snapshot !== prev.snapshot ||
        s.settings.lambda !== prev.settings.lambda ||
        s.hiddenClasses !== prev.hiddenClasses ||
        s.dims !== prev.dims ||
        s.data !== prev.data ||
        s.overlayTrack !== prev.overlayTrack ||
        s.theme !== prev.theme
      )
        draw();
    });
    return () => {
      unregister();
      unwatch();
      unsubscribe();
    };
  }, []);

  const data = useStore((s) => s.data);
  const dims = useStore((s) => s.dims);
  const format = useMemo(() => (data ? lambdaFormat(data.anchors[data.anchors.length - 1].lambda - data.anchors[0].lambda) : String), [data]);
  return (
    <PlotFigure
      frame={data ? frameFor(data, dims) : null}
      legend={<OutputLegend />}
      under={<canvas ref={canvas} width={VIEW_SIZE} height={FIGURE_HEIGHT} data-testid="output-view" aria-label={`Surrogate outputs at λ = ${lambda === null ? '' : format(lambda)}`} role="img" />}
    />
  );
}

/** Draws the view's marks (figure units): anchors and samples as small squares, the baseline as rings. */
function paintMarks(ctx: CanvasRenderingContext2D, marks: OutputMarks, pal: Palette) {
  // Samples off the data area (an untrained model's) stop at its edge instead of covering the axes.
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, PLOT_SIZE, PLOT_SIZE);
  ctx.clip();
  const square = (x: number, y: number, r: number) => ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  ctx.fillStyle = pal.anchorPoint;
  for (let j = 0; j < marks.anchors.length; j += 2) square(marks.anchors[j], marks.anchors[j + 1], MARK_RADIUS.anchor);
  if (marks.rings) {
    // A baseline's samples at λ as dark rings beside the surrogate's dots.
    const r = MARK_RADIUS.ring;
    ctx.strokeStyle = pal.overlayRing;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let j = 0; j < marks.rings.length; j += 2) {
      ctx.moveTo(marks.rings[j] + r, marks.rings[j + 1]);
      ctx.arc(marks.rings[j], marks.rings[j + 1], r, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  for (let j = 0; j < marks.samples.length; j += 2) {
    ctx.fillStyle = marks.colours[j / 2];
    square(marks.samples[j], marks.samples[j + 1], MARK_RADIUS.sample);
  }
  ctx.restore();
}

/** What the colours mean: the classes, or the first condition dim's ramp; and the overlaid baseline's rings. Independent of λ. */
const OutputLegend = memo(function OutputLegend() {
  const data = useStore((s) => s.data);
  const conds = useStore((s) => s.snapshotConds);
  const hidden = useStore((s) => s.hiddenClasses);
  const overlay = useStore((s) => s.overlayTrack?.method);
  const range = useMemo(() => (data?.condition.kind === 'continuous' && conds ? firstConditionRange(conds, data.condition.dim) : null), [data, conds]);
  if (!data) return null;
  const ring = overlay ? [{ label: methodLabel(overlay), colour: 'currentColor', mark: 'ring' as const }] : [];
  if (range) return <RampLegend lo={range[0]} hi={range[1]} label="c0" testId="condition-legend" />;
  const keys = data.condition.kind === 'class' ? classKeys(data.condition.values, hidden) : [];
  return <KeyLegend items={[...keys, ...ring]} testId="class-legend" />;
});

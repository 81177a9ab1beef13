import { memo, useEffect, useMemo, useRef } from 'react';
import { evaluateSnapshot } from '../../core/clot/snapshot';
import { sampleTrack } from '../../core/surrogate/track';
import { useStore } from '../store/store';
import { reportDrawn } from '../testing/test-api';
import { paletteOf } from '../theme';
import { methodLabel } from '../../core/surrogate/methods';
import { lambdaFormat } from './format';
import { colourer, FIGURE_HEIGHT, firstConditionRange, frameFor, MARGIN, PLOT_SIZE, VIEW_SIZE } from './frame';
import { classKeys, KeyLegend, RampLegend } from './Legend';
import { PlotFigure } from './PlotFigure';

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
      const { data, snapshot, snapshotLabels, snapshotConds, hiddenClasses, dims, settings } = useStore.getState();
      const ctx = canvas.current?.getContext('2d');
      if (!ctx || !data) return;
      const f = frameFor(data, dims);
      ctx.clearRect(0, 0, VIEW_SIZE, FIGURE_HEIGHT);
      // Samples off the data area (an untrained model's) stop at its edge instead of covering the axes.
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, PLOT_SIZE, PLOT_SIZE);
      ctx.clip();
      const D = data.dimY;
      const pal = paletteOf(useStore.getState());
      ctx.fillStyle = pal.anchorPoint;
      for (const a of data.anchors) {
        for (let i = 0; i < a.n; i++) {
          if (a.label && hiddenClasses.includes(a.label[i])) continue;
          ctx.fillRect(f.px(a.y[i * D + dims[0]]) - 1, f.py(a.y[i * D + dims[1]]) - 1, 2, 2);
        }
      }
      const { overlayTrack } = useStore.getState();
      if (overlayTrack) {
        // A baseline's samples at λ as dark rings beside the surrogate's dots.
        const lamO = settings.lambda ?? overlayTrack.lambdas[0];
        const yo = sampleTrack(overlayTrack, lamO);
        ctx.strokeStyle = pal.overlayRing;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i < yo.length / D; i++) {
          if (overlayTrack.labels && hiddenClasses.includes(overlayTrack.labels[i])) continue;
          const x = f.px(yo[i * D + dims[0]]);
          const yy = f.py(yo[i * D + dims[1]]);
          ctx.moveTo(x + 2, yy);
          ctx.arc(x, yy, 2, 0, 2 * Math.PI);
        }
        ctx.stroke();
        reportDrawn('overlay', { lambda: lamO, y: yo, method: overlayTrack.method });
      } else reportDrawn('overlay', null);
      if (!snapshot) {
        ctx.restore();
        reportDrawn('outputs', null);
        return;
      }
      const lam = Math.min(Math.max(settings.lambda ?? snapshot.lambdas[0], snapshot.lambdas[0]), snapshot.lambdas[snapshot.lambdas.length - 1]);
      const y = evaluateSnapshot(snapshot, lam);
      const colour = colourer(data, snapshotLabels, snapshotConds);
      for (let i = 0; i < snapshot.n; i++) {
        if (snapshotLabels && hiddenClasses.includes(snapshotLabels[i])) continue;
        ctx.fillStyle = colour(i);
        ctx.fillRect(f.px(y[i * D + dims[0]]) - 1.5, f.py(y[i * D + dims[1]]) - 1.5, 3, 3);
      }
      ctx.restore();
      const ms = performance.now() - t0;
      reportDrawn('outputs', { lambda: lam, y });
      useStore.getState().setView({ msPerUpdate: ms });
    };
    draw();
    return useStore.subscribe((s, prev) => {
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

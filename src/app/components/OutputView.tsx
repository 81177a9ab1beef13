import { memo, type RefObject, useMemo, useRef } from 'react';
import { shownPicture } from '../store/kept-picture';
import { type AppState, useStore } from '../store/store';
import { paletteOf } from '../theme';
import { reportDrawn } from '../testing/test-api';
import { methodLabel } from '../../core/surrogate/methods';
import { assumedPaceText } from '../../core/clot/pace-assumption';
import { lambdaFormat } from './format';
import { FIGURE_HEIGHT, firstConditionRange, frameFor, VIEW_SIZE } from './frame';
import { classKeys, type KeyItem, KeyLegend, RampLegend } from './Legend';
import { type OutputMarks, outputMarks } from './output-marks';
import { useMarksCanvas } from './output-canvas';
import { PlotFigure } from './PlotFigure';

/** The outputs view redraws when its samples, the overlay or the way they are shown change. */
const redrawOn = (s: AppState, prev: AppState) =>
  shownPicture(s).snapshot !== shownPicture(prev).snapshot ||
  s.settings.lambda !== prev.settings.lambda ||
  s.hiddenClasses !== prev.hiddenClasses ||
  s.dims !== prev.dims ||
  s.data !== prev.data ||
  s.overlayTrack !== prev.overlayTrack ||
  s.theme !== prev.theme;

/** Reports what was drawn to the test API, and how long the slider update took. */
function onDrawn(marks: OutputMarks, t0: number) {
  reportDrawn('overlay', marks.overlayDrawn);
  reportDrawn('outputs', marks.drawn);
  if (marks.drawn) useStore.getState().setView({ msPerUpdate: performance.now() - t0 });
}

/** λ for people, to 1 % of the data's anchor range. */
export function useLambdaFormat(): (v: number) => string {
  const data = useStore((s) => s.data);
  return useMemo(() => (data ? lambdaFormat(data.anchors[data.anchors.length - 1].lambda - data.anchors[0].lambda, data.anchors.map((a) => a.lambda)) : String), [data]);
}

/**
 * Surrogate samples at the slider's λ over faint anchor samples, on a 2-D
 * canvas. Redraws through a store subscription (not React renders) and
 * records how long each slider update takes.
 */
export function OutputView() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const lambda = useStore((s) => s.settings.lambda);
  useMarksCanvas(canvas, outputMarks, redrawOn, onDrawn);

  const data = useStore((s) => s.data);
  const dims = useStore((s) => s.dims);
  const format = useLambdaFormat();
  return (
    <PlotFigure
      frame={data ? frameFor(data, dims) : null}
      legend={<OutputLegend />}
      under={<OutputCanvas canvas={canvas} testId="output-view" label={`Surrogate outputs at λ = ${lambda === null ? '' : format(lambda)}`} />}
    />
  );
}

/**
 * The outputs view's caption: what it draws and, between only two anchors, that the picture's pace
 * in λ is assumed (pace-assumption.ts), with how far along the paths the slider puts the samples.
 */
export function OutputCaption({ dimsNote }: { dimsNote: string }) {
  const lambda = useStore((s) => s.settings.lambda);
  const anchors = useStore((s) => s.data?.anchors);
  // The shown picture's own model (a kept one first), and only once there is a picture to describe.
  const timing = useStore((s) => shownPicture(s).config?.timing ?? 'calibrated');
  const pictured = useStore((s) => shownPicture(s).snapshot !== null);
  const format = useLambdaFormat();
  const pace = pictured && anchors && lambda !== null ? assumedPaceText(anchors.map((a) => a.lambda), timing, lambda, format) : null;
  return (
    <>
      Surrogate samples at the slider's value over faint anchor samples.{dimsNote}
      {pace && <span data-testid="assumed-pace-note"> {pace}</span>}
    </>
  );
}

/** A figure canvas for output marks (PlotFigure's `under` layer). */
export function OutputCanvas({ canvas, testId, label }: { canvas: RefObject<HTMLCanvasElement | null>; testId: string; label: string }) {
  return <canvas ref={canvas} width={VIEW_SIZE} height={FIGURE_HEIGHT} data-testid={testId} aria-label={label} role="img" />;
}

const NO_KEYS: KeyItem[] = [];

/**
 * What the samples' colours mean: the classes, or the first condition dim's ramp over `conds`;
 * `extra` entries after the classes. Shared by the outputs view and the comparison panel.
 */
export const SamplesLegend = memo(function SamplesLegend({ conds, extra = NO_KEYS }: { conds: Float32Array | null; extra?: KeyItem[] }) {
  const data = useStore((s) => s.data);
  const hidden = useStore((s) => s.hiddenClasses);
  const range = useMemo(() => (data?.condition.kind === 'continuous' && conds ? firstConditionRange(conds, data.condition.dim) : null), [data, conds]);
  if (!data) return null;
  if (range) {
    // Colour carries the first condition dim only: say so where there are more.
    const C = data.condition.kind === 'continuous' ? data.condition.dim : 1;
    const label = C === 1 ? 'c0' : `c0 (c1${C > 2 ? `–c${C - 1}` : ''} not shown)`;
    return <RampLegend lo={range[0]} hi={range[1]} label={label} testId="condition-legend" />;
  }
  const keys = data.condition.kind === 'class' ? classKeys(data.condition.values, hidden) : [];
  return <KeyLegend items={[...keys, ...extra]} testId="class-legend" />;
});

/** The outputs view's legend: the classes or the ramp, and the overlaid baseline's rings. Independent of λ. */
const OutputLegend = memo(function OutputLegend() {
  const conds = useStore((s) => shownPicture(s).snapshotConds);
  const overlay = useStore((s) => s.overlayTrack?.method);
  // The key's ring in the rings' own colour (theme.ts overlayRing), so the two read alike.
  const ringColour = useStore((s) => paletteOf(s).overlayRing);
  const ring = useMemo(() => (overlay ? [{ label: methodLabel(overlay), colour: ringColour, mark: 'ring' as const }] : NO_KEYS), [overlay, ringColour]);
  return <SamplesLegend conds={conds} extra={ring} />;
});

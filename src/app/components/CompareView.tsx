import { memo, useEffect, useMemo, useRef } from 'react';
import { BASELINES } from '../../core/sampling/types';
import { METHOD_REGISTRY, methodLabel } from '../../core/surrogate/methods';
import { sampleTrack } from '../../core/surrogate/track';
import { compareWith } from '../compare-actions';
import type { CompareSource } from '../store/compare';
import { shownPicture, shownRun } from '../store/kept-picture';
import { type AppState, useStore } from '../store/store';
import { reportDrawn } from '../testing/test-api';
import { shownLambda } from './export-naming';
import { frameFor } from './frame';
import type { KeyItem } from './Legend';
import { layerMarks, type OutputMarks, type SamplesLayer } from './output-marks';
import { useMarksCanvas } from './output-canvas';
import { OutputCanvas, SamplesLegend, useLambdaFormat } from './OutputView';
import { PlotFigure } from './PlotFigure';
import { ViewCard } from './ViewCard';
import './compare.css';

/**
 * Side-by-side comparison: "Pin λ = …" on the outputs view freezes what it shows, and a panel
 * beside it (below, on a phone) draws the pinned outputs, or a baseline at the slider's λ, in the
 * live view's frame, marks and legend, while the live view keeps following the slider.
 */

/**
 * The outputs view's bar over its figure: "Pin λ = 0.25" freezes its outputs at the slider's λ
 * into the comparison panel. The panel has a bar of the same height, so the two figures line up.
 */
export function PinBar() {
  const canPin = useStore((s) => shownPicture(s).snapshot !== null);
  // Formatted to the slider's resolution: a re-render per 1 % of the range, not per pointer move.
  const lambda = useStore(shownLambda);
  const open = useStore((s) => s.compareSource !== null);
  const pin = () => {
    useStore.getState().pinOutputs();
    // On a phone the panel opens below the outputs: show that it did.
    if (!open) requestAnimationFrame(() => document.getElementById('compare')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  };
  return (
    <div className="compare-bar">
      <button type="button" className="pin-button" disabled={!canPin || lambda === null} onClick={pin}>
        Pin λ = {lambda ?? '…'}
      </button>
      <span className="compare-hint">{open ? 'to replace the pin' : 'to compare with another λ or a baseline'}</span>
    </div>
  );
}

/** The samples the panel draws now: the pinned rows, or the baseline's at the slider's λ (null while it builds). */
function compareLayer(s: AppState): SamplesLayer | null {
  const { compareSource: source, pinned, compareTrack: track } = s;
  if (source === 'pinned') return pinned && pinned.data === s.data ? pinned : null;
  if (!source || track?.method !== source) return null;
  const ls = track.lambdas;
  const lambda = Math.min(Math.max(s.settings.lambda ?? ls[0], ls[0]), ls[ls.length - 1]);
  return { lambda, y: sampleTrack(track, lambda), labels: track.labels, conds: track.conds };
}

const compareMarks = (s: AppState) => layerMarks(s, compareLayer(s));

const redrawCompare = (s: AppState, prev: AppState) =>
  s.compareSource !== prev.compareSource ||
  s.pinned !== prev.pinned ||
  s.compareTrack !== prev.compareTrack ||
  s.hiddenClasses !== prev.hiddenClasses ||
  s.dims !== prev.dims ||
  s.data !== prev.data ||
  s.theme !== prev.theme ||
  // A baseline follows the slider; the pinned outputs do not.
  (s.compareSource !== 'pinned' && s.settings.lambda !== prev.settings.lambda);

function onCompareDrawn(marks: OutputMarks) {
  const source = useStore.getState().compareSource;
  reportDrawn('compare', marks.drawn && source ? { ...marks.drawn, method: source } : null);
}

/** The comparison panel, beside the outputs view while something is pinned or compared. */
export function CompareCard() {
  const source = useStore((s) => s.compareSource);
  const pinnedLambda = useStore((s) => s.pinned?.lambda ?? null);
  const format = useLambdaFormat();
  if (!source) return null;
  const title = source === 'pinned' ? `Pinned: λ = ${pinnedLambda === null ? '' : format(pinnedLambda)}` : `${methodLabel(source)} at λ`;
  return (
    <ViewCard
      id="compare"
      title={title}
      notes={
        <>
          <CompareBar />
          <CompareNotes />
        </>
      }
      caption={<CompareCaption />}>
      <CompareFigure />
    </ViewCard>
  );
}

/** The panel's figure: the outputs view's canvas, axes and legend, with the compared samples. Never re-rendered by λ. */
const CompareFigure = memo(function CompareFigure() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useMarksCanvas(canvas, compareMarks, redrawCompare, onCompareDrawn);
  useEffect(() => () => reportDrawn('compare', null), []);
  const data = useStore((s) => s.data);
  const dims = useStore((s) => s.dims);
  const source = useStore((s) => s.compareSource);
  const pinnedLambda = useStore((s) => s.pinned?.lambda ?? null);
  const format = useLambdaFormat();
  const label = source === 'pinned' ? `Surrogate outputs pinned at λ = ${pinnedLambda === null ? '' : format(pinnedLambda)}` : source ? `${methodLabel(source)} samples at the slider's λ` : '';
  return <PlotFigure frame={data ? frameFor(data, dims) : null} legend={<CompareLegend />} under={<OutputCanvas canvas={canvas} testId="compare-view" label={label} />} />;
});

/** The live view's legend; a baseline's rows carry no conditions, so on conditioned data they are one colour, named. */
const CompareLegend = memo(function CompareLegend() {
  const source = useStore((s) => s.compareSource);
  const conds = useStore((s) => (s.compareSource === 'pinned' ? (s.pinned?.conds ?? null) : null));
  const continuous = useStore((s) => s.data?.condition.kind === 'continuous');
  const extra = useMemo((): KeyItem[] | undefined => (source && source !== 'pinned' && continuous ? [{ label: `${methodLabel(source)} samples`, colour: '#3b6fb6' }] : undefined), [source, continuous]);
  return <SamplesLegend conds={conds} extra={extra} />;
});

/** Over the pinned outputs: said plainly when they came from an untrained model, or from one the live view no longer shows. */
function CompareNotes() {
  const step = useStore((s) => (s.compareSource === 'pinned' ? (s.pinned?.step ?? null) : null));
  const stale = useStore((s) => {
    const p = s.pinned;
    if (s.compareSource !== 'pinned' || !p) return null;
    return p.run !== shownRun(s) ? 'run' : p.step !== shownPicture(s).snapshotStep ? 'step' : null;
  });
  if (step === null) return null;
  return (
    <>
      {step === 0 && (
        <div className="untrained-note" data-testid="compare-untrained-note">
          <strong>Untrained</strong> — pinned before any training step, so nothing here was learned from the anchors.
        </div>
      )}
      {stale && (
        <div className="compare-stale" data-testid="compare-stale">
          {stale === 'run' ? `Pinned from an earlier model (step ${step}), not the one the live view shows.` : `Pinned from the model at step ${step}; training has changed it since, so this is not what the model gives now.`}
        </div>
      )}
    </>
  );
}

/** Over the panel: what to compare with, and the baseline's progress. */
function CompareBar() {
  const source = useStore((s) => s.compareSource);
  const pinnedLambda = useStore((s) => s.pinned?.lambda ?? null);
  const status = useStore((s) => s.compareStatus);
  const error = useStore((s) => s.compareError);
  const close = useStore((s) => s.closeCompare);
  const format = useLambdaFormat();
  if (!source) return null;
  const baseline = source !== 'pinned';
  return (
    <div className="compare-bar">
      <label>
        Compare with
        <select value={source} onChange={(e) => compareWith(e.target.value as CompareSource)}>
          {pinnedLambda !== null && <option value="pinned">Pinned outputs (λ = {format(pinnedLambda)})</option>}
          <optgroup label="Baselines at the slider's λ">
            {BASELINES.map((m) => (
              <option key={m} value={m}>
                {methodLabel(m)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <span className="compare-status" data-testid="compare-status" role="status">
        {baseline && status === 'building' ? 'building…' : ''}
        {baseline && status === 'failed' && <span className="error">{error}</span>}
      </span>
      <button type="button" className="compare-close" title="Close this comparison" onClick={close}>
        {baseline ? 'Close' : 'Unpin'}
      </button>
    </div>
  );
}

/** Under the panel: what it draws. */
function CompareCaption() {
  const source = useStore((s) => s.compareSource);
  const pinned = useStore((s) => s.pinned);
  const format = useLambdaFormat();
  if (!source) return null;
  if (source !== 'pinned') return `${methodLabel(source)}: ${METHOD_REGISTRY[source].description}, at the slider's λ, over faint anchor samples.`;
  return pinned ? `The surrogate's outputs at λ = ${format(pinned.lambda)} from the model at step ${pinned.step}, frozen; the outputs view beside it follows the slider.` : null;
}

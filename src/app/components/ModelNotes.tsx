import type { ClotConfig } from '../../core/config';
import { methodLabel } from '../../core/surrogate/methods';
import { fidelityWarning, FIDELITY_LIMIT, missedAnchors, modelStatus } from '../model-status';
import { SETTINGS_SCHEMA, type Settings } from '../settings/schema';
import { type KeptPicture, showsStraightLine } from '../store/kept-picture';
import { useStore } from '../store/store';
import { formatSteps, formatValue } from './format';
import './kept-picture.css';

/**
 * Over a view driven by the model: says plainly when the model is untrained (no training step
 * has run on its weights), so nobody reads meaning into what the view draws, and what to do next;
 * or, while the view keeps the previous model's picture, that it does (KeptPictureNote).
 */
export function UntrainedNote() {
  const state = useStore((s) => s.trainState);
  const steps = useStore((s) => s.steps);
  const message = useStore((s) => s.trainMessage);
  const kept = useStore((s) => s.keptPicture);
  const status = modelStatus(state, steps);
  const running = status.key === 'pretraining' || status.key === 'training';
  if (kept) return <KeptPictureNote kept={kept} running={running} />;
  if (!status.untrained) return null;
  // The coupled solver's pairs exist before any network trains: the worker says when the views show them.
  const straight = showsStraightLine(state, message);
  return (
    <div className="untrained-note" data-testid="untrained-note">
      <strong>Untrained</strong>
      {straight
        ? ' — training has started: this view shows straight-line optimal transport between the anchors until the learned paths replace it.'
        : running
        ? ' — training has started; until its first steps are done this view shows no fit to the data.'
        : ' — press Train to fit this data. Until then this view shows the initial surrogate, not anything learned from the anchors.'}
    </div>
  );
}

/** Short names of the settings that restart training, as the notes write them. */
const SHORT_NAMES: Partial<Record<keyof Settings, string>> = { alpha: 'α', bandwidth: 'h', seed: 'seed', variant: 'variant' };
const RESTART_SETTINGS = (Object.keys(SETTINGS_SCHEMA) as (keyof Settings)[]).filter((k) => SETTINGS_SCHEMA[k].effect === 'restart' && SETTINGS_SCHEMA[k].config);

/** "α = 0.1", "variant = CLOT (full)": a model setting for people. */
function settingText(key: keyof Settings, value: unknown): string {
  const shown = key === 'variant' ? methodLabel(value as ClotConfig['variant']) : typeof value === 'number' && key !== 'seed' ? formatValue(value) : String(value);
  return `${SHORT_NAMES[key] ?? key} = ${shown}`;
}

/**
 * Over a view that still draws the previous model's picture (a setting that restarts training
 * changed on a trained model): which model that is, and which settings the new one will fit.
 */
function KeptPictureNote({ kept, running }: { kept: KeptPicture; running: boolean }) {
  const settings = useStore((s) => s.settings);
  const changed = RESTART_SETTINGS.filter((k) => kept.config[SETTINGS_SCHEMA[k].config!] !== settings[k]);
  const was = [...changed.map((k) => settingText(k, kept.config[SETTINGS_SCHEMA[k].config!])), `trained ${formatSteps(kept.snapshotStep)} step${kept.snapshotStep === 1 ? '' : 's'}`].join(', ');
  const now = changed.map((k) => settingText(k, settings[k])).join(', ');
  const next = running
    ? ` — training the new model${now ? ` (${now})` : ''}: its first picture replaces this one.`
    : now
    ? ` — press Train to fit ${now}.`
    : ' — its settings are the current ones again: press Train to fit them afresh.';
  return (
    <div className="kept-note" data-testid="kept-picture-note">
      <strong>Showing the previous model</strong> ({was}){next}
    </div>
  );
}

/**
 * How the trained surrogate reproduces its own anchors (measured by the worker after training
 * stops or a model is loaded): a warning wherever it misses one, since its interpolation between
 * anchors is then not trustworthy. `brief` (on the outputs view) shows only the warning.
 */
export function FidelityNote({ testId, brief = false }: { testId: string; brief?: boolean }) {
  const fidelity = useStore((s) => s.fidelity);
  if (!fidelity || fidelity.length === 0) return null;
  const missed = missedAnchors(fidelity);
  if (missed.length > 0) {
    return (
      <div className="fidelity-warning" data-testid={testId}>
        ⚠ {fidelityWarning(missed)}
      </div>
    );
  }
  if (brief) return null;
  // Exact everywhere (W2 at rounding level): say that, not a noise multiple, which one row per anchor cannot even measure.
  const exact = fidelity.every((f) => f.ratio === 0);
  return (
    <div className="fidelity-ok" data-testid={`${testId}-ok`}>
      {exact
        ? `The surrogate gives back its ${fidelity.length} anchors exactly: its samples there are the anchors' own rows.`
        : `The surrogate reproduces its ${fidelity.length} anchors (W2 within ${FIDELITY_LIMIT}× the sampling noise at each).`}
    </div>
  );
}

/** Over the metric and potential views: why their last refresh failed (they keep the previous grids). */
export function FieldsError() {
  const error = useStore((s) => s.fieldsError);
  if (!error) return null;
  return (
    <div className="fidelity-warning" role="alert" data-testid="fields-error">
      {error}
    </div>
  );
}

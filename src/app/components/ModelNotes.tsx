import { fidelityWarning, FIDELITY_LIMIT, missedAnchors, modelStatus } from '../model-status';
import { useStore } from '../store/store';

/**
 * Over a view driven by the model: says plainly when the model is untrained (no training step
 * has run on its weights), so nobody reads meaning into what the view draws, and what to do next.
 */
export function UntrainedNote() {
  const state = useStore((s) => s.trainState);
  const steps = useStore((s) => s.steps);
  const message = useStore((s) => s.trainMessage);
  const status = modelStatus(state, steps);
  if (!status.untrained) return null;
  const running = status.key === 'pretraining' || status.key === 'training';
  // The coupled solver's pairs exist before any network trains: the worker says when the views show them.
  const straight = running && /straight-line/.test(message ?? '');
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
  return (
    <div className="fidelity-ok" data-testid={`${testId}-ok`}>
      The surrogate reproduces its {fidelity.length} anchors (W2 within {FIDELITY_LIMIT}× the sampling noise at each).
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

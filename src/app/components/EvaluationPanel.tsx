import { useEffect, useState } from 'react';
import { DEFAULT_BASELINE_CONFIG } from '../../core/baselines/config';
import { DEFAULT_CONFIG } from '../../core/config';
import { interiorAnchors } from '../../core/surrogate/holdout';
import { BASELINES, METHODS, type BaselineMethod, type Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { cancelEvaluation, runEvaluation } from '../evaluation-actions';
import { useStore } from '../store/store';
import { EvalCurve } from './EvalCurve';

const f4 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));

type Score = 'w2' | 'nll' | 'mse';

/** What each score column means, for its header's tooltip. Every one is lower-is-better. */
const SCORE_HELP: Record<Score, string> = {
  w2: 'Wasserstein-2 distance between the method\'s samples and the real outputs at the held-out λ: how far, on average, mass has to move to turn one into the other. Lower is better.',
  nll: 'Negative log-likelihood of the method\'s samples under the true output density at λ (known for generated datasets): low when samples sit where real outputs are likely. It rewards samples bunched in dense places, so read it with W2. Lower is better.',
  mse: 'Mean squared error between the method\'s outputs and the real ones, row by row (outputs that depend on their input). Lower is better.',
};

/** The smallest value of each score at each held-out λ, to highlight the best method there. */
function bestPerLambda(cells: { lambda: number; w2: number; nll?: number; mse?: number }[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const c of cells) {
    for (const k of ['w2', 'nll', 'mse'] as const) {
      const v = c[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      const key = `${k}@${c.lambda}`;
      if (!(best.get(key)! <= v)) best.set(key, v);
    }
  }
  return best;
}

/** Baselines ticked at first; identity and ot-cfm are listed unticked, to keep a default study's length as it was. */
const DEFAULT_BASELINES: BaselineMethod[] = ['nearest', 'mccann', 'cfm', 'regression'];

/**
 * Hold-out evaluation: choose anchors to hold out (each in turn by default),
 * train each chosen method on the rest in the evaluation worker, and show
 * W2 (and NLL or MSE where defined) at the held-out λ as a table and a curve.
 * The user's own model is untouched.
 */
export function EvaluationPanel() {
  const data = useStore((s) => s.data);
  const variant = useStore((s) => s.settings.variant);
  const iterations = useStore((s) => s.settings.iterations);
  const status = useStore((s) => s.evalStatus);
  const progress = useStore((s) => s.evalProgress);
  const cells = useStore((s) => s.evalCells);
  const w2Method = useStore((s) => s.evalW2Method);
  const error = useStore((s) => s.evalError);
  const inner = data ? interiorAnchors(data) : [];
  const [holdOut, setHoldOut] = useState<number[]>(inner);
  const [mode, setMode] = useState<'each' | 'together'>('each');
  const [methods, setMethods] = useState<Method[]>([variant, ...DEFAULT_BASELINES]);
  const [clotSteps, setClotSteps] = useState(iterations);
  const [baselineSteps, setBaselineSteps] = useState(DEFAULT_BASELINE_CONFIG.iterations);
  // A new dataset resets the held-out choice to its interior anchors.
  useEffect(() => setHoldOut(data ? interiorAnchors(data) : []), [data]);
  if (!data) return null;
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const running = status === 'running';
  const held = cells.filter((c) => c.heldOut).sort((a, b) => METHODS.indexOf(a.method) - METHODS.indexOf(b.method) || a.lambda - b.lambda);
  const hasNll = held.some((c) => c.nll !== undefined);
  const hasMse = held.some((c) => c.mse !== undefined);
  const lambdas = data.anchors.map((a) => a.lambda);
  const best = bestPerLambda(held);
  const clotRows = held.filter((c) => !(BASELINES as readonly string[]).includes(c.method));
  const shortClot = clotRows.length > 0 && clotRows.some((c) => c.steps < DEFAULT_CONFIG.iterations);
  // Held-out λ where CLOT drew exactly McCann's straight lines: say why, or the tie reads as a bug.
  const straightAt = [...new Set(clotRows.filter((c) => held.some((m) => m.method === 'mccann' && m.lambda === c.lambda && Math.abs(m.w2 - c.w2) <= 1e-9 * Math.max(1, m.w2))).map((c) => c.lambda))];
  const scoreCell = (k: Score, v: number | undefined, lambda: number) =>
    v !== undefined && best.get(`${k}@${lambda}`) === v ? (
      <td className="best" title="best at this λ">
        <strong>{f4(v)}</strong>
        <span className="visually-hidden"> (best)</span>
      </td>
    ) : (
      <td>{f4(v)}</td>
    );
  const scoreHeader = (k: Score, label: string) => (
    <th title={SCORE_HELP[k]}>
      {label} <span className="lower-better">↓ lower is better</span>
    </th>
  );
  const canRun = holdOut.length > 0 && methods.length > 0 && !running;
  return (
    <section className="evaluation" aria-labelledby="eval-title">
      <h2 id="eval-title">Evaluate on held-out anchors</h2>
      <p className="why">
        Train on all anchors but the held-out ones, then compare each method's samples with the real outputs there. Your trained model is not touched.
      </p>
      {inner.length === 0 ? (
        <p className="why">This dataset has only two anchors: there is nothing inside the range to hold out.</p>
      ) : (
        <form
          className="eval-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canRun) runEvaluation({ holdOut, mode, methods, clotSteps, baselineSteps });
          }}
        >
          <fieldset>
            <legend>Hold out</legend>
            {inner.map((l) => (
              <label key={l}>
                <input type="checkbox" checked={holdOut.includes(l)} onChange={() => setHoldOut(toggle(holdOut, l))} /> λ = {l}
              </label>
            ))}
            <label>
              <input type="radio" name="eval-mode" checked={mode === 'each'} onChange={() => setMode('each')} /> one at a time (leave-one-anchor-out)
            </label>
            <label>
              <input type="radio" name="eval-mode" checked={mode === 'together'} onChange={() => setMode('together')} /> all together
            </label>
          </fieldset>
          <fieldset>
            <legend>Methods</legend>
            {METHODS.filter((m) => m === variant || (BASELINES as readonly string[]).includes(m) || methods.includes(m)).map((m) => (
              <label key={m}>
                <input type="checkbox" checked={methods.includes(m)} onChange={() => setMethods(toggle(methods, m))} /> {methodLabel(m)}
              </label>
            ))}
          </fieldset>
          {/* The two step counts in one column beside the boxes (as two items of the form's row, the second wrapped alone onto a row of its own). */}
          <div className="eval-steps">
            <label>
              CLOT steps
              <input type="number" min={1} value={clotSteps} aria-label="CLOT steps per split" onChange={(e) => setClotSteps(Math.max(1, Math.round(Number(e.target.value) || 1)))} />
            </label>
            <label>
              Baseline network steps
              <input type="number" min={1} value={baselineSteps} aria-label="Baseline network steps" onChange={(e) => setBaselineSteps(Math.max(1, Math.round(Number(e.target.value) || 1)))} />
            </label>
          </div>
          <div className="buttons">
            <button type="submit" disabled={!canRun}>
              Run evaluation
            </button>
            <button type="button" disabled={!running} onClick={cancelEvaluation}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {progress && running && (
        <div className="eval-progress" role="status">
          <progress max={progress.total} value={progress.done} /> {progress.label}
        </div>
      )}
      {status === 'cancelled' && <p className="why">Evaluation cancelled; the rows below are what finished.</p>}
      {status === 'stopped' && (
        <p className="why" data-testid="eval-stopped">
          Evaluation stopped: the dataset changed while it ran, so its rows (of the old data) were dropped. Run it again to evaluate this dataset.
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {held.length > 0 && (
        <>
          <table className="eval-table" data-testid="eval-table">
            <thead>
              <tr>
                <th>method</th>
                <th>held-out λ</th>
                {scoreHeader('w2', 'W2')}
                {hasNll && scoreHeader('nll', 'NLL (true density)')}
                {hasMse && scoreHeader('mse', 'MSE')}
                <th>train (s)</th>
              </tr>
            </thead>
            <tbody>
              {held.map((c) => (
                <tr key={`${c.method}@${c.lambda}`} data-method={c.method}>
                  <td>{methodLabel(c.method)}</td>
                  <td>{c.lambda}</td>
                  {scoreCell('w2', c.w2, c.lambda)}
                  {hasNll && scoreCell('nll', c.nll, c.lambda)}
                  {hasMse && scoreCell('mse', c.mse, c.lambda)}
                  <td>{c.trainSeconds.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="why">
            Bold: the best method at that λ. W2: {w2Method}.
          </p>
          {shortClot && (
            <p className="eval-note" data-testid="eval-short-clot">
              CLOT was trained here for fewer steps than its default ({DEFAULT_CONFIG.iterations}): its scores understate what the method reaches with the full budget.
            </p>
          )}
          {straightAt.length > 0 && (
            <p className="eval-note" data-testid="eval-straight-clot">
              At λ = {straightAt.join(', ')} CLOT scores exactly as McCann: the anchors its split keeps gave it nothing to bend or pace the paths by (two anchors, or anchors in line), so it drew McCann's straight lines.
            </p>
          )}
          <EvalCurve cells={cells} range={[lambdas[0], lambdas[lambdas.length - 1]]} anchors={lambdas} />
        </>
      )}
    </section>
  );
}

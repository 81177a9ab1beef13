import { useEffect, useState } from 'react';
import { DEFAULT_BASELINE_CONFIG } from '../../core/baselines/config';
import { interiorAnchors } from '../../core/surrogate/holdout';
import { BASELINES, METHODS, type BaselineMethod, type Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { cancelEvaluation, runEvaluation } from '../evaluation-actions';
import { useStore } from '../store/store';
import { EvalCurve } from './EvalCurve';

const f4 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));

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
          <label>
            CLOT steps
            <input type="number" min={1} value={clotSteps} aria-label="CLOT steps per split" onChange={(e) => setClotSteps(Math.max(1, Math.round(Number(e.target.value) || 1)))} />
          </label>
          <label>
            Baseline network steps
            <input type="number" min={1} value={baselineSteps} aria-label="Baseline network steps" onChange={(e) => setBaselineSteps(Math.max(1, Math.round(Number(e.target.value) || 1)))} />
          </label>
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
      {error && <p className="error" role="alert">{error}</p>}
      {held.length > 0 && (
        <>
          <table className="eval-table" data-testid="eval-table">
            <thead>
              <tr>
                <th>method</th>
                <th>held-out λ</th>
                <th>W2</th>
                {hasNll && <th>NLL (true density)</th>}
                {hasMse && <th>MSE</th>}
                <th>train (s)</th>
              </tr>
            </thead>
            <tbody>
              {held.map((c) => (
                <tr key={`${c.method}@${c.lambda}`} data-method={c.method}>
                  <td>{methodLabel(c.method)}</td>
                  <td>{c.lambda}</td>
                  <td>{f4(c.w2)}</td>
                  {hasNll && <td>{f4(c.nll)}</td>}
                  {hasMse && <td>{f4(c.mse)}</td>}
                  <td>{c.trainSeconds.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="why">W2: {w2Method}.</p>
          <EvalCurve cells={cells} range={[lambdas[0], lambdas[lambdas.length - 1]]} anchors={lambdas} />
        </>
      )}
    </section>
  );
}

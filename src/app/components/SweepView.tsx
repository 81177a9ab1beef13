import type { OutputDistance } from '../../core/demo/noise-floor';
import type { Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { useDemo, type ShownSweep } from '../store/demo';
import { useStore } from '../store/store';
import type { EvalCell } from '../worker/eval-protocol';
import { EvalCurve } from './EvalCurve';
import { formatValue } from './format';
import { ViewCard } from './ViewCard';

/** The sweep's distances as the evaluation curve's cells (W2 and MSE where measured, every λ held out from every method). */
function cellsOf(sweep: ShownSweep): EvalCell[] {
  const cell = (method: Method, lambda: number, d: OutputDistance): EvalCell => ({ method, lambda, heldOut: true, w2: d.w2, ...(d.mse !== undefined ? { mse: d.mse } : {}), trainSeconds: 0, steps: 0 });
  return sweep.points.flatMap((p) => [cell(sweep.method, p.lambda, p.surrogate), cell('nearest', p.lambda, p.nearest), cell('mccann', p.lambda, p.mccann)]);
}

/**
 * The sweep check as a view: the task's distance (W2, or MSE for the quantile regressor) to the real network at each λ between the anchors for the
 * surrogate and the two baselines (the evaluation panel's curve), the seed-to-seed noise floor
 * dashed, and the means in the task's own measure.
 */
export function SweepView() {
  const sweep = useDemo((s) => s.sweep);
  const task = useDemo((s) => s.tasks?.find((t) => t.id === s.sweep?.task));
  const data = useStore((s) => s.data);
  if (!sweep || !task || !data || sweep.points.length === 0) return null;
  const lambdas = data.anchors.map((a) => a.lambda);
  const measure = (d: OutputDistance) => (task.distance === 'mse' ? d.mse : d.w2) ?? NaN;
  // The curve, the floor and the means all in the task's own measure.
  const floor = sweep.points.flatMap((p) => (p.floor ? [{ lambda: p.lambda, value: measure(p.floor) }] : []));
  const mean = (pick: (p: ShownSweep['points'][number]) => OutputDistance | null) => {
    const values = sweep.points.flatMap((p) => {
      const d = pick(p);
      return d ? [measure(d)] : [];
    });
    return formatValue(values.reduce((t, v) => t + v, 0) / values.length);
  };
  const name = task.distance === 'mse' ? 'MSE' : 'W2';
  return (
    <div className="check-view">
      <ViewCard
        id="sweep"
        title="Error over λ"
        caption={`${task.title}: the real network trained at each λ halfway between the anchors (seeds as in the check, the anchors' seed first) against the surrogate at step ${sweep.surrogateStep} and the baselines. ${sweep.points.length} of ${sweep.lambdas.length} λ measured.`}
      >
        <EvalCurve cells={cellsOf(sweep)} range={[lambdas[0], lambdas[lambdas.length - 1]]} anchors={lambdas} floor={floor} measure={task.distance === 'mse' ? 'mse' : 'w2'} />
        <p className="check-times" data-testid="sweep-means">
          Mean {name} over these λ: {methodLabel(sweep.method)} <strong>{mean((p) => p.surrogate)}</strong>, nearest anchor {mean((p) => p.nearest)}, McCann{' '}
          {mean((p) => p.mccann)}; noise floor {floor.length ? mean((p) => p.floor) : '—'}.
        </p>
      </ViewCard>
    </div>
  );
}

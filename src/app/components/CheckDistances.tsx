import type { OutputDistance } from '../../core/demo/noise-floor';
import { methodLabel } from '../../core/surrogate/methods';
import type { ShownCheck } from '../store/demo';
import type { DemoTaskInfo } from '../worker/demo-protocol';
import { formatValue, ratioText } from './format';

interface Row {
  id: string;
  label: string;
  distance: OutputDistance;
}

/**
 * The check's numbers: each method's distance to the real network at λ in the task's measure,
 * beside the seed-to-seed noise floor, and the time the real network took against the surrogate's.
 */
export function CheckDistances({ check, task }: { check: ShownCheck; task: DemoTaskInfo }) {
  const measure = (d: OutputDistance) => (task.distance === 'mse' ? d.mse : d.w2) ?? NaN;
  const name = task.distance === 'mse' ? 'MSE' : 'W2';
  const floor = check.noiseFloor ? measure(check.noiseFloor) : null;
  const rows: Row[] = [
    { id: 'surrogate', label: `Surrogate: ${check.surrogateLabel}, step ${check.surrogateStep}`, distance: check.surrogate },
    ...check.baselines.map((b) => ({ id: b.method, label: methodLabel(b.method), distance: b.distance })),
  ];
  const truthSeed = check.real[0].seed;
  return (
    <div className="check-numbers">
      <table className="eval-table check-table" data-testid="check-distances">
        <thead>
          <tr>
            <th>against the real network (seed {truthSeed})</th>
            <th>
              {name} <span className="lower-better">↓ lower is better</span>
            </th>
            {floor !== null && <th>÷ noise floor</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`check-row-${r.id}`}>
              <th scope="row">{r.label}</th>
              <td data-testid="check-distance">{formatValue(measure(r.distance))}</td>
              {floor !== null && <td>{ratioText(measure(r.distance) / floor)}×</td>}
            </tr>
          ))}
          <tr data-testid="check-row-noise-floor">
            <th scope="row">
              Noise floor: real networks from {check.real.length > 1 ? `${check.real.length} seeds, mean over ${check.noiseFloor!.pairs} pair${check.noiseFloor!.pairs > 1 ? 's' : ''}` : 'one seed only'}
            </th>
            <td data-testid="check-distance">{floor === null ? 'needs 2 seeds' : formatValue(floor)}</td>
            {floor !== null && <td>1×</td>}
          </tr>
        </tbody>
      </table>
      {floor !== null && (
        <p className="check-times" data-testid="check-floor-note">
          The noise floor is how far apart real networks trained at this λ from different seeds are. The anchors were trained with seed {truthSeed}, as was
          the network compared here, so a method can land below the floor: it follows seed {truthSeed}'s quirks, which another seed would not share.
        </p>
      )}
      <CheckTimes check={check} />
    </div>
  );
}

/** How long the real network took to train against how long the surrogate took to answer at λ. */
function CheckTimes({ check }: { check: ShownCheck }) {
  const [first, ...others] = check.real;
  const speedup = (first.seconds * 1000) / Math.max(check.surrogateMs, 0.01);
  return (
    <p className="check-times" data-testid="check-times">
      Real network: <strong>{first.seconds.toFixed(1)} s</strong> to train (seed {first.seed})
      {others.length > 0 && `; ${others.map((o) => `${o.seconds.toFixed(1)} s (seed ${o.seed})`).join(', ')}`}. Surrogate:{' '}
      <strong>{check.surrogateMs.toFixed(1)} ms</strong> to draw the {check.surrogateRows.toLocaleString('en-US')} samples the slider shows at λ on this page, about{' '}
      {speedup >= 100 ? Math.round(speedup).toLocaleString('en-US') : speedup.toPrecision(2)}× faster.
    </p>
  );
}

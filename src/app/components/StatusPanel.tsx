import { changeSetting, extendedBudget } from '../actions';
import { isRunning, modelStatus } from '../model-status';
import { useStore } from '../store/store';
import type { TrainProgress } from '../worker/protocol';
import { clock, stageText } from '../../core/session/progress-text';

/** "path network pre-training 100/200 · recoupling … 40 % · about 1:10 left of it": the stage while one runs, the ETA once there is a pace. */
function pretrainingText(p: TrainProgress): string {
  const stage = p.stage ? ` · ${stageText(p.stage)}` : '';
  const eta = p.done > 0 && Number.isFinite(p.etaSeconds) ? ` · about ${clock(p.etaSeconds)} left of it` : '';
  return `path network pre-training ${p.done}/${p.total}${stage}${eta}`;
}

/** Backend and why, training progress, and the performance readout. */
export function StatusPanel() {
  const backend = useStore((s) => s.backend);
  const choice = useStore((s) => s.settings.backend);
  const state = useStore((s) => s.trainState);
  const message = useStore((s) => s.trainMessage);
  const progress = useStore((s) => s.progress);
  const steps = useStore((s) => s.steps);
  const total = useStore((s) => s.config?.iterations ?? s.settings.iterations);
  const ms = useStore((s) => s.msPerUpdate);
  const workerError = useStore((s) => s.workerError);
  const status = modelStatus(state, steps);
  const extended = useStore(extendedBudget);
  const running = isRunning(state);
  // What to do next, where the worker's own message says nothing.
  const hint =
    status.key === 'untrained' || (status.key === 'paused' && steps === 0)
      ? 'press Train to fit this data'
      : status.key === 'trained' && extended !== null
        ? `Train continues for ${extended - steps} more steps`
        : status.key === 'trained' && steps >= total
          ? `all ${steps} iterations done (the most Iterations allows)`
          : null;
  return (
    <section className="status" aria-label="Status">
      <div data-testid="backend-readout">
        Backend: <strong>{backend ? backend.name : 'starting…'}</strong>
        {backend && <span className="why"> — {backend.reason}</span>}
      </div>
      <label>
        Run on
        <select value={choice} onChange={(e) => changeSetting('backend', e.target.value as never)} aria-label="Backend">
          <option value="auto">automatic</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">wasm</option>
          <option value="webgl">WebGL</option>
          <option value="cpu">CPU</option>
        </select>
      </label>
      <div data-testid="train-state" data-state={status.key}>
        State: <strong>{status.label}</strong>
        {message ? <span className={state === 'failed' ? 'error' : ''}> — {message}</span> : hint && <span className="state-hint"> — {hint}</span>}
      </div>
      {/* Rates and pre-training progress describe a run in progress: once it stops they no longer apply. */}
      <div data-testid="step-counter">
        {/* Iterations typed below the steps already done: the count never reads 150 / 60. */}
        Step {steps} / {Math.max(steps, total)}
        {progress?.phase === 'pretrain' && state === 'pretraining' && ` (${pretrainingText(progress)})`}
        {progress?.phase === 'train' && state === 'training' && ` · ${progress.stepsPerSecond.toFixed(2)} steps/s · ETA ${clock(progress.etaSeconds)}`}
      </div>
      <div data-testid="perf-readout">
        Slider update: {ms === null ? '–' : `${ms.toFixed(1)} ms`}
        {progress?.phase === 'train' && running ? ` · training ${progress.stepsPerSecond.toFixed(2)} steps/s` : ''}
      </div>
      {workerError && (
        <div role="alert" className="error">
          {workerError}
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import type { DemoTaskId } from '../../core/demo/types';
import { parseAnchorList } from '../anchor-list';
import { checkAtLambda, checkProblem, downloadAnchors, generateAnchors, setDemoOpen } from '../demo-actions';
import { demoDatasetOf } from '../demo-dataset';
import { sweepCheck, sweepLambdas } from '../demo-sweep';
import { type DemoJob, useDemo } from '../store/demo';
import { useStore } from '../store/store';
import type { DemoTaskInfo } from '../worker/demo-protocol';
import { DemoProgressLine } from './DemoProgressLine';
import { lambdaFormat } from './format';
import './demo.css';

/**
 * "Train the networks yourself": pick a task, its anchors and seed, and train its real network at
 * each anchor (in the demo worker); their outputs become the dataset. Then check the surrogate
 * at the slider's λ against the network trained there for real.
 */
export function DemoPanel() {
  const open = useDemo((s) => s.open);
  const tasks = useDemo((s) => s.tasks);
  return (
    <section className="demo-panel" id="demo-panel" aria-label="Train the networks yourself">
      <details open={open} onToggle={(e) => setDemoOpen(e.currentTarget.open)}>
        <summary>Train the networks yourself</summary>
        <p className="explanation">
          Train a small real network at a few values of its knob λ, let the surrogate learn how its output moves, then train the network at a λ nobody trained it at and see how close the
          prediction was.
        </p>
        {open && (
          <>
            {tasks ? <DemoForm tasks={tasks} /> : <StartingNote />}
            <CheckForm />
          </>
        )}
      </details>
    </section>
  );
}

function StartingNote() {
  const error = useDemo((s) => s.error);
  return error ? (
    <p className="error" role="alert" data-testid="demo-error">
      {error}
    </p>
  ) : (
    <p className="why">Starting the network worker…</p>
  );
}

function DemoForm({ tasks }: { tasks: DemoTaskInfo[] }) {
  const [taskId, setTaskId] = useState<DemoTaskId>(tasks[0].id);
  // What the user typed per task; a task not edited shows its defaults.
  const [anchorEdits, setAnchorEdits] = useState<Partial<Record<DemoTaskId, string>>>({});
  const [seedEdits, setSeedEdits] = useState<Partial<Record<DemoTaskId, number>>>({});
  const [inputError, setInputError] = useState<string | null>(null);
  const job = useDemo((s) => s.job);
  const backend = useDemo((s) => s.backend);
  const task = tasks.find((t) => t.id === taskId)!;
  const anchorsText = anchorEdits[taskId] ?? task.defaultAnchors.join(', ');
  const seed = seedEdits[taskId] ?? task.defaultSeed;
  const fmt = lambdaFormat(task.range[1] - task.range[0]);
  const busy = job !== 'idle';

  const submit = () => {
    const parsed = parseAnchorList(anchorsText, task);
    if ('error' in parsed) {
      // The last generation's error was about the list before this one: it no longer applies.
      if (useDemo.getState().lastJob === 'generating') useDemo.setState({ error: null });
      return setInputError(parsed.error);
    }
    setInputError(null);
    void generateAnchors(taskId, parsed.lambdas, seed);
  };
  return (
    <>
      <form
        className="demo-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) submit();
        }}
      >
        <label>
          Task
          <select
            value={taskId}
            onChange={(e) => {
              setTaskId(e.target.value as DemoTaskId);
              setInputError(null);
            }}
            aria-label="Demo task"
            disabled={busy}>
            {tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <p className="explanation">{task.explanation}</p>
        <p className="demo-facts" data-testid="demo-task-facts">
          λ = {task.lambdaName}, from {fmt(task.range[0])} to {fmt(task.range[1])}; {task.epochs} epochs of full-batch Adam per network; compared by{' '}
          {task.distance === 'mse' ? 'MSE (one output per probe input)' : 'W2 (a cloud of samples)'}.
        </p>
        <label>
          Anchors: λ values, comma-separated (uneven spacing is fine)
          <input
            value={anchorsText}
            disabled={busy}
            onChange={(e) => {
              setAnchorEdits({ ...anchorEdits, [taskId]: e.target.value });
              // The message was about the list as it was: an edited list is checked again on Train.
              setInputError(null);
            }}
            aria-invalid={inputError !== null}
          />
        </label>
        <label className="demo-seed">
          Seed of every network
          <input
            type="number"
            step={1}
            value={seed}
            aria-label="Network seed"
            disabled={busy}
            onChange={(e) => setSeedEdits({ ...seedEdits, [taskId]: Math.round(Number(e.target.value) || 0) })}
          />
        </label>
        <button type="submit" className="demo-train" disabled={busy}>
          Train the networks
        </button>
        {inputError && (
          <p className="error" role="alert" data-testid="demo-input-error">
            {inputError}
          </p>
        )}
      </form>
      <DemoProgressLine jobs={['generating']} />
      <DemoOutcome jobs={['generating']} />
      <DownloadAnchors />
      <p className="why">The networks train one after another in a worker of their own{backend ? ` (${backend})` : ''}; the current dataset and model stay until they are done.</p>
    </>
  );
}

/** How the last of `jobs` ended, or why it failed. */
function DemoOutcome({ jobs }: { jobs: DemoJob[] }) {
  const message = useDemo((s) => s.message);
  const error = useDemo((s) => s.error);
  const mine = useDemo((s) => s.lastJob !== null && jobs.includes(s.lastJob));
  if (!mine) return null;
  return (
    <>
      {message && (
        <p className="demo-message" role="status" data-testid="demo-message">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </>
  );
}

/** The generated anchors as the file the CLI reads (shown while the dataset is a generated one). */
function DownloadAnchors() {
  const generated = useStore((s) => demoDatasetOf(s.data, useDemo.getState().tasks ?? []) !== null);
  if (!generated) return null;
  return (
    <button type="button" className="demo-download" onClick={downloadAnchors} title="The long CSV that hti demo-data writes: hti train reads it">
      Download these anchors (CSV)
    </button>
  );
}

/** Check at the slider's λ: how many seeds, and the button (with why it is off). */
function CheckForm() {
  const [seeds, setSeeds] = useState(2);
  const lambda = useStore((s) => s.settings.lambda);
  const data = useStore((s) => s.data);
  const job = useDemo((s) => s.job);
  // Re-read whenever what it depends on changes.
  const problem = useStore((s) => checkProblem(s, useDemo.getState().tasks ?? []));
  const lambdas = data?.anchors.map((a) => a.lambda) ?? [];
  const fmt = lambdaFormat(lambdas.length ? lambdas[lambdas.length - 1] - lambdas[0] : 1);
  const atAnchor = lambda !== null && lambdas.some((l) => Math.abs(l - lambda) < 1e-9);
  return (
    <section className="demo-check" id="demo-check" aria-label="Check at λ">
      <h3>Check at λ{lambda === null ? '' : ` = ${fmt(lambda)}`}</h3>
      <p className="why">
        Train the real network at the slider's λ and compare it with the surrogate, the nearest-anchor and straight-line baselines, and the spread between seeds. The sweep does the
        same at every λ halfway between the anchors and draws the error over λ.
        {atAnchor && ' This λ is a training anchor: move the slider between anchors for a real test.'}
      </p>
      <div className="demo-check-row">
        <label>
          Real networks
          <select value={seeds} onChange={(e) => setSeeds(Number(e.target.value))} aria-label="Seeds of the real network">
            <option value={1}>1 seed</option>
            <option value={2}>2 seeds (noise floor)</option>
            <option value={3}>3 seeds (noise floor)</option>
          </select>
        </label>
        <button type="button" disabled={problem !== null || job !== 'idle'} onClick={() => void checkAtLambda(seeds)}>
          Check at λ
        </button>
      </div>
      <button
        type="button"
        className="demo-sweep"
        disabled={problem !== null || job !== 'idle'}
        onClick={() => void sweepCheck()}
        title="Trains the real network from two seeds at each λ halfway between the anchors, one after another"
      >
        Sweep λ between the anchors ({lambdas.length > 1 ? sweepLambdas(data!).map(fmt).join(', ') : '—'})
      </button>
      {problem && <p className="why" data-testid="check-problem">{problem}</p>}
      <DemoProgressLine jobs={['checking', 'sweeping']} />
      <DemoOutcome jobs={['checking', 'sweeping']} />
    </section>
  );
}

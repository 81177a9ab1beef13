import { toLongCsv } from '../core/data/write-csv';
import { anchorValue } from './components/format';
import type { DemoTaskId } from '../core/demo/types';
import { methodLabel } from '../core/surrogate/methods';
import { showGeneratedDataset } from './actions';
import { downloadBlob } from './components/download';
import { demoDatasetOf } from './demo-dataset';
import { snapshotOutput } from './snapshot-output';
import { type DemoJob, useDemo } from './store/demo';
import { useStore } from './store/store';
import { workerMessage } from './worker/client';
import { DemoClient } from './worker/demo-client';

/**
 * What "Train the networks yourself" does: generate anchors in the demo worker and install them
 * as the dataset (the upload's path), and check the surrogate at the slider's λ against the real
 * network trained there. The worker starts when the mode is first opened.
 */
let client: DemoClient | null = null;
const get = () => useStore.getState();
const setDemo = useDemo.setState;

/** The demo worker's client, started on first use (and again after the worker died). */
export function demoWorker(): DemoClient {
  if (client?.dead) client = new DemoClient(get().settings.backend);
  if (!client) {
    client = new DemoClient(get().settings.backend);
    useStore.subscribe((s, prev) => {
      // "Run on" moves the networks too; a new dataset makes the last check's result stale.
      if (s.settings.backend !== prev.settings.backend) client!.init(s.settings.backend);
      if (s.data !== prev.data) setDemo({ check: null, sweep: null });
    });
  }
  return client;
}

/** Opens or closes the mode's panel; the first opening starts the demo worker and reads its tasks. */
export async function setDemoOpen(open: boolean) {
  if (open === useDemo.getState().open) return;
  setDemo({ open });
  if (!open || useDemo.getState().tasks) return;
  try {
    setDemo({ tasks: await demoWorker().tasks() });
  } catch (e) {
    setDemo({ error: workerMessage(e) });
  }
}

const seconds = (s: number) => `${s.toFixed(1)} s`;

/** Runs one job of the demo worker with the mode's busy state, progress and one-line error around it. */
export async function runDemoJob<T>(kind: DemoJob, work: () => Promise<T>): Promise<T | null> {
  if (useDemo.getState().job !== 'idle') return null;
  setDemo({ job: kind, lastJob: kind, progress: null, error: null, message: null });
  try {
    return await work();
  } catch (e) {
    setDemo({ error: workerMessage(e) });
    return null;
  } finally {
    setDemo({ job: 'idle', progress: null });
  }
}

/**
 * Trains the task's network at each λ, one after another, and installs their outputs as the anchor
 * dataset, as an uploaded file would be. Until then (and when cancelled or failed) the current
 * dataset and model stay as they are.
 */
export async function generateAnchors(task: DemoTaskId, lambdas: number[], seed: number) {
  const t0 = performance.now();
  const r = await runDemoJob('generating', () => demoWorker().generate({ task, lambdas, seed }));
  if (!r) return;
  if (r.cancelled) {
    setDemo({ message: 'Cancelled: the dataset and model are as they were.' });
    return;
  }
  showGeneratedDataset(r.set);
  const each = r.seconds.map((s) => s.toFixed(1)).join(', ');
  setDemo({
    message: `${r.seconds.length} networks trained in ${seconds((performance.now() - t0) / 1000)} (${each} s each); their outputs are the anchor dataset now. Press Train to fit the surrogate.`,
  });
}

/** Why a check at λ cannot run now (no demo dataset, no trained surrogate), or null. */
export function checkProblem(s = get(), tasks = useDemo.getState().tasks ?? []): string | null {
  if (!demoDatasetOf(s.data, tasks)) return 'Generate anchors first: a check retrains one of the tasks above.';
  if (!s.snapshot || s.snapshotStep < 1) return 'Train the surrogate first (Train, or Step): the check compares its outputs.';
  if (s.settings.lambda === null) return 'Pick a λ with the slider first.';
  return null;
}

/**
 * Trains the real network at the slider's λ from `seedCount` seeds (the anchors' seed first) and
 * scores against it the surrogate (its published snapshot, what the slider shows), the
 * nearest-anchor and straight-line baselines, and the other seeds (the noise floor).
 */
export async function checkAtLambda(seedCount: number) {
  const s = get();
  const which = demoDatasetOf(s.data, useDemo.getState().tasks ?? []);
  if (checkProblem(s) || !which) return;
  const data = s.data!;
  const snap = s.snapshot!;
  const lambda = s.settings.lambda!;
  const { output: surrogate, ms: surrogateMs } = snapshotOutput(snap, data, lambda);
  const seeds = Array.from({ length: seedCount }, (_, k) => which.seed + k);
  const r = await runDemoJob('checking', () => demoWorker().check({ task: which.task.id, data, lambda, seeds, surrogate }));
  if (!r) return;
  if ('cancelled' in r) return setDemo({ message: 'Check cancelled.' });
  if (get().data !== data) return setDemo({ message: 'The dataset changed during the check; its result was dropped.' });
  setDemo({
    check: {
      ...r,
      task: which.task.id,
      surrogateOutput: surrogate,
      surrogateMs,
      surrogateRows: snap.n,
      surrogateLabel: s.config ? methodLabel(s.config.variant) : 'the surrogate',
      surrogateStep: s.snapshotStep,
    },
    message: `Checked at λ = ${anchorValue(lambda)}: see "Real network at λ" among the views.`,
  });
}

export const cancelDemoJob = () => client?.cancel();

/** The current anchors as the long CSV `hti demo-data` writes and `hti train` reads. */
export function downloadAnchors() {
  const data = get().data;
  if (!data) return;
  const csv = toLongCsv(data.anchors.map((a) => ({ ...a, dimY: data.dimY, condition: data.condition })));
  downloadBlob(new Blob([csv], { type: 'text/csv' }), `${data.source.replace(/[^\w.-]+/g, '_')}.csv`);
}

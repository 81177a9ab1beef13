/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { computeFields } from '../../core/clot/fields';
import { ClotModel } from '../../core/clot/model';
import { Sampler } from '../../core/clot/sampler';
import { deserializeModel, type ModelFile } from '../../core/clot/serialize';
import type { StepStats } from '../../core/clot/trainer-types';
import { oneLine } from '../../core/errors';
import { TrainingSession } from '../../core/session/training-session';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { anchorFidelity } from '../../core/surrogate/fidelity';
import { selectBackend } from './backend-select';
import type { FromWorker, InjectedFailure, ToWorker } from './protocol';
import { injectFailure } from './step-failure';

/**
 * The training worker: a thin adapter between the UI's messages and one
 * core TrainingSession (states, step loop, checkpoints, restore on failure).
 * What it adds is for the views: a sampler snapshot every SNAPSHOT_EVERY_MS
 * (so the slider samples the newest weights without a round trip), the
 * anchor fidelity when training stops, and the metric and potential fields.
 */
const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

/** Samples shown by the views: the first anchor's rows, resampled up to this many. */
const DISPLAY_SAMPLES = 4000;
const SNAPSHOT_EVERY_MS = 700;

let lastSnap = 0;
/** Test hook: a failure the next training step is made to hit ('debug-inject-failure'). */
let injected: InjectedFailure | null = null;

const session = new TrainingSession(
  {
    onState: (state, message) => post({ type: 'state', state, message }),
    onProgress: ({ phase, done, total, stepsPerSecond, etaSeconds, step }) =>
      post({ type: 'progress', phase, done, total, stepsPerSecond, etaSeconds: phase === 'pretrain' ? NaN : etaSeconds, stats: step as StepStats | undefined }),
    // The coupled solver's pairs exist before any network trains, and the untrained path network
    // bends nothing: the views show straight-line optimal transport at once, labelled as such.
    beforePretrain: async () => {
      if (!model()?.coupling) return;
      await sendSnapshot();
      return 'showing straight-line optimal transport between the anchors until the paths are trained';
    },
    beforeStep: () => {
      if (injected) injectFailure(model()!, injected);
      injected = null;
    },
    afterStep: async () => {
      if (performance.now() - lastSnap > SNAPSHOT_EVERY_MS) await sendSnapshot();
    },
  },
  { checkpointEvery: 25, restore: (file) => new ClotSurrogate(deserializeModel(file, 'last good model').model) },
);

const model = (): ClotModel | null => (session.surrogate as ClotSurrogate | null)?.model ?? null;

async function sendSnapshot() {
  const m = model();
  if (!m) return;
  lastSnap = performance.now();
  const sampler = new Sampler(m, { n: Math.max(m.rows[0].n, DISPLAY_SAMPLES), seed: 1 });
  const snapshot = await sampler.snapshot();
  const transfer = [...snapshot.chain, ...snapshot.phis, ...(snapshot.warps ?? [])].flatMap((a) => (a ? [a.buffer] : []));
  post({ type: 'snapshot', snapshot, step: m.stepsDone, labels: sampler.startLabels ?? null, conds: sampler.startConditions ?? null }, transfer);
}

/** How the model reproduces its anchors (null untrained); dropped if training restarted or the model changed meanwhile. */
async function sendFidelity() {
  const m = model();
  if (!m) return;
  const step = m.stepsDone;
  if (step === 0) return post({ type: 'fidelity', fidelity: null, step });
  const fidelity = await anchorFidelity(new ClotSurrogate(m));
  if (model() === m && !session.isRunning && m.stepsDone === step) post({ type: 'fidelity', fidelity, step });
}

const modelInfo = (m: ClotModel) => post({ type: 'model-info', config: m.config, steps: m.stepsDone, data: m.data });

/** The run in flight with what follows it (snapshot, fidelity); the model is never replaced under it. */
let training: Promise<void> = Promise.resolve();

async function stopTraining() {
  session.pause();
  await training;
}

async function install(next: ClotModel, seconds = 0) {
  await stopTraining();
  await session.install(new ClotSurrogate(next), seconds);
  modelInfo(next);
  await sendSnapshot();
  await sendFidelity();
}

/** Runs the session; afterwards the views get the weights it stopped at (restored ones after a failure). */
async function train(steps?: number) {
  post({ type: 'fidelity', fidelity: null, step: model()!.stepsDone });
  const outcome = await session.run({ steps });
  if (outcome === 'failed') modelInfo(model()!);
  await sendSnapshot();
  await sendFidelity();
}

async function handle(msg: ToWorker) {
  switch (msg.type) {
    case 'init': {
      // Carry the current model over to the new backend.
      await stopTraining();
      const previous = await session.checkpoint();
      await session.dispose();
      const chosen = await selectBackend(msg.backend);
      post({ type: 'backend', name: chosen.name, reason: chosen.reason });
      return previous ? install(deserializeModel(previous, 'model').model) : undefined;
    }
    case 'set-data':
      return install(new ClotModel(msg.data, msg.config));
    case 'load-model': {
      const { model: loaded, training } = deserializeModel(msg.file, 'model file');
      return install(loaded, training.seconds);
    }
    case 'update-config':
      // Only the budget may change without a restart; Train raises it to go on from a finished model.
      if (model() && msg.config.iterations !== undefined) session.surrogate!.plannedSteps = msg.config.iterations;
      return model() ? modelInfo(model()!) : undefined;
    case 'save':
      return post({ type: 'saved', id: msg.id, file: (await session.checkpoint()) as ModelFile });
    case 'fields':
      return model() ? post({ type: 'fields', id: msg.id, result: { request: msg.request, ...(await computeFields(model()!, msg.request)) } }) : undefined;
    case 'debug-inject-failure':
      injected = msg.kind;
      return;
  }
}

// Train, Step and Pause act at once (a run proceeds while other messages are handled); every
// other message is handled one at a time, in order, so a model is never replaced mid-switch.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'pause') return session.pause();
  const start = () => {
    if (!session.isRunning && model()) training = train(msg.type === 'step' ? msg.count : undefined).catch(report);
  };
  const work = msg.type === 'train' || msg.type === 'step' ? start : () => handle(msg);
  queue = queue.then(work).catch(report);
};

function report(err: unknown) {
  console.error('training worker:', err instanceof Error ? err.stack : err);
  post({ type: 'error', message: oneLine(err) });
}

// Keep tfjs from printing its backend banner noise into the console on every switch.
tf.env().set('PROD', true);

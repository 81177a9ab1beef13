/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import * as Comlink from 'comlink';
import { computeFields } from '../../core/clot/fields';
import { ClotModel } from '../../core/clot/model';
import { Sampler } from '../../core/clot/sampler';
import type { ModelFile } from '../../core/clot/model-file';
import { deserializeModel } from '../../core/clot/serialize';
import type { StepStats } from '../../core/clot/trainer-types';
import { oneLine } from '../../core/errors';
import { TrainingSession } from '../../core/session/training-session';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { anchorFidelity } from '../../core/surrogate/fidelity';
import { selectBackend } from './backend-select';
import type { DebugMessage, InjectedFailure, TrainingApi, TrainingEvents } from './protocol';
import { injectFailure } from './step-failure';

/**
 * The training worker: a thin adapter between the UI's messages and one
 * core TrainingSession (states, step loop, checkpoints, restore on failure).
 * What it adds is for the views: a sampler snapshot every SNAPSHOT_EVERY_MS
 * (so the slider samples the newest weights without a round trip), the
 * anchor fidelity when training stops, and the metric and potential fields.
 */
/** The UI's event sink (a comlink proxy), set by connect(); events before it are dropped. */
const noEvents: TrainingEvents = { backend() {}, state() {}, progress() {}, snapshot() {}, modelInfo() {}, fidelity() {}, error() {} };
let events: TrainingEvents = noEvents;

/** Samples shown by the views: the first anchor's rows, resampled up to this many. */
const DISPLAY_SAMPLES = 4000;
const SNAPSHOT_EVERY_MS = 700;

let lastSnap = 0;
/** Test hook: a failure the next training step is made to hit ('debug-inject-failure'). */
let injected: InjectedFailure | null = null;

const session = new TrainingSession(
  {
    onState: (state, message) => events.state(state, message),
    onProgress: ({ phase, done, total, stepsPerSecond, etaSeconds, step }) =>
      events.progress({ phase, done, total, stepsPerSecond, etaSeconds: phase === 'pretrain' ? NaN : etaSeconds, stats: step as StepStats | undefined }),
    // The coupled solver's pairs exist before any network trains, and the untrained path network
    // bends nothing: the views show straight-line optimal transport at once, labelled as such.
    beforePretrain: async () => {
      if (!model()?.coupling) return;
      await sendSnapshot();
      return 'showing straight-line optimal transport between the anchors until the paths are trained';
    },
    beforeStep: () => {
      if (injected === 'nan') {
        injectFailure(model()!, injected);
        injected = null;
      }
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
  const transfer = [...snapshot.chain, ...snapshot.phis, ...(snapshot.warps ?? [])].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
  events.snapshot(Comlink.transfer(snapshot, transfer), m.stepsDone, sampler.startLabels ?? null, sampler.startConditions ?? null);
}

/** How the model reproduces its anchors (null untrained); dropped if training restarted or the model changed meanwhile. */
async function sendFidelity() {
  const m = model();
  if (!m) return;
  const step = m.stepsDone;
  if (step === 0) return events.fidelity(null, step);
  const fidelity = await anchorFidelity(new ClotSurrogate(m));
  if (model() === m && !session.isRunning && m.stepsDone === step) events.fidelity(fidelity, step);
}

const modelInfo = (m: ClotModel) => events.modelInfo(m.config, m.stepsDone);

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
  events.fidelity(null, model()!.stepsDone);
  const outcome = await session.run({ steps });
  if (outcome === 'failed') modelInfo(model()!);
  await sendSnapshot();
  await sendFidelity();
}

/** Runs calls one at a time, in order; each caller still gets its own result or rejection. */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work);
  queue = result.catch(() => undefined);
  return result;
}

/** Starts a run unless one is in flight (or there is no model); resolves once it has started. */
async function start(steps?: number): Promise<void> {
  if (!session.isRunning && model()) training = train(steps).catch(report);
}

const api: TrainingApi = {
  connect: (sink) => void (events = sink),
  init: (backend) =>
    serial(async () => {
      // Carry the current model over to the new backend.
      await stopTraining();
      const previous = await session.checkpoint();
      await session.dispose();
      const chosen = await selectBackend(backend);
      events.backend(chosen.name, chosen.reason);
      if (previous) await install(deserializeModel(previous, 'model').model);
    }),
  setData: (data, config) => serial(() => install(new ClotModel(data, config))),
  loadModel: (file) =>
    serial(async () => {
      const { model: loaded, training: info } = deserializeModel(file, 'model file');
      await install(loaded, info.seconds);
    }),
  train: () => serial(() => start()),
  step: (count) => serial(() => start(count)),
  pause: () => session.pause(),
  updateConfig: (config) =>
    serial(async () => {
      const m = model();
      if (!m) return;
      // Only the budget may change without a restart; Train raises it to go on from a finished model.
      if (config.iterations !== undefined) session.surrogate!.plannedSteps = config.iterations;
      modelInfo(m);
    }),
  save: () =>
    serial(async () => {
      const file = await session.checkpoint();
      if (!file) throw new Error('there is no model to save');
      return file as ModelFile;
    }),
  fields: (request) =>
    serial(async () => {
      const m = model();
      if (!m) throw new Error('there is no model to draw');
      if (injected === 'fields') {
        injected = null;
        throw new Error('injected failure (test hook)');
      }
      const result = await computeFields(m, request);
      return Comlink.transfer({ request, ...result }, [result.metric, result.potential].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : [])));
    }),
};
Comlink.expose(api);

// The test-only entry point (protocol.ts, DebugMessage): comlink ignores messages it did not send.
self.addEventListener('message', (e: MessageEvent<DebugMessage | unknown>) => {
  const msg = e.data as DebugMessage | null;
  if (msg?.type === 'debug-inject-failure') injected = msg.kind;
});

function report(err: unknown) {
  console.error('training worker:', err instanceof Error ? err.stack : err);
  events.error(oneLine(err));
}

// Keep tfjs from printing its backend banner noise into the console on every switch.
tf.env().set('PROD', true);

/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { computeFields } from '../../core/clot/fields';
import { ClotModel } from '../../core/clot/model';
import { Sampler } from '../../core/clot/sampler';
import { deserializeModel, serializeModel, type ModelFile } from '../../core/clot/serialize';
import { createTrainer } from '../../core/clot/create-trainer';
import type { Trainer } from '../../core/clot/trainer-types';
import type { ClotConfig } from '../../core/config';
import { oneLine } from '../../core/errors';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { anchorFidelity } from '../../core/surrogate/fidelity';
import { selectBackend } from './backend-select';
import type { FromWorker, InjectedFailure, ToWorker, TrainState } from './protocol';
import { checkStepStats, injectFailure } from './step-failure';

/**
 * The training worker: owns the model, trains it step by step between
 * message turns (so Pause lands at a step boundary), and after every few
 * steps sends the UI a sampler snapshot so the slider samples the newest
 * weights without a round trip. A failed step (NaN, lost device, out of
 * memory) stops training and restores the last good weights.
 */
const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

/** Samples shown by the views: the first anchor's rows, resampled up to this many. */
const DISPLAY_SAMPLES = 4000;
/** Send new weights to the UI at most this often while training. */
const SNAPSHOT_EVERY_MS = 700;
/** Keep a restorable copy of the weights this often while training. */
const CHECKPOINT_EVERY_STEPS = 25;

let backend = '';
let model: ClotModel | null = null;
let trainer: Trainer | null = null;
let lastGood: ModelFile | null = null;
let state: TrainState = 'empty';
let stepsLeft = 0; // for 'step' requests; -1 = until iterations
let running = false;
/** Aborts path-network pre-training when Pause arrives (steps check `running`). */
let pretrainAbort = new AbortController();
/** The training loop in flight, awaited before the model is replaced. */
let loop: Promise<void> = Promise.resolve();
let trainSeconds = 0;
/** Test hook: a failure the next training step is made to hit ('debug-inject-failure'). */
let injected: InjectedFailure | null = null;

function setState(next: TrainState, message?: string) {
  state = next;
  post({ type: 'state', state: next, message });
}

async function checkpoint(): Promise<ModelFile | null> {
  if (!model) return null;
  return serializeModel(model, { steps: model.stepsDone, seconds: trainSeconds, backend });
}

async function sendSnapshot() {
  if (!model) return;
  const n = Math.max(model.rows[0].n, DISPLAY_SAMPLES);
  const sampler = new Sampler(model, { n, seed: 1 });
  const snapshot = await sampler.snapshot();
  const labels = sampler.startLabels ?? null;
  const conds = sampler.startConditions ?? null;
  const transfer: Transferable[] = [...snapshot.chain, ...snapshot.phis, ...(snapshot.warps ?? [])].flatMap((a) => (a ? [a.buffer] : []));
  post({ type: 'snapshot', snapshot, step: model.stepsDone, labels, conds }, transfer);
}

/**
 * Measures how the current model reproduces its training anchors and sends it to the UI (which
 * warns where it misses one). An untrained model (0 steps) gets null: its samples mean nothing
 * yet, and the UI says so. A result is dropped when training restarted or the model changed
 * while it was measured.
 */
async function sendFidelity() {
  const m = model;
  if (!m) return;
  const step = m.stepsDone;
  if (step === 0) {
    post({ type: 'fidelity', fidelity: null, step });
    return;
  }
  try {
    const fidelity = await anchorFidelity(new ClotSurrogate(m));
    if (model === m && !running && m.stepsDone === step) post({ type: 'fidelity', fidelity, step });
  } catch (e) {
    post({ type: 'error', message: `could not measure the anchor fidelity: ${oneLine(e)}` });
  }
}

function disposeModel() {
  trainer?.dispose();
  trainer = null;
  model?.dispose();
  model = null;
}

/** Asks training to stop: steps end at the next boundary, pre-training at its next chunk. */
function pauseNow() {
  running = false;
  pretrainAbort.abort();
}

/** Stops training at the next step boundary and waits for it. */
async function stopLoop() {
  pauseNow();
  await loop;
}

async function install(next: ClotModel) {
  await stopLoop();
  disposeModel();
  model = next;
  trainSeconds = 0;
  lastGood = await checkpoint();
  post({ type: 'model-info', config: model.config, steps: model.stepsDone, data: model.data });
  setState('ready');
  await sendSnapshot();
  await sendFidelity();
}

async function fail(err: unknown) {
  running = false;
  const message = oneLine(err);
  trainer?.dispose();
  trainer = null;
  if (lastGood) {
    // Restore the last good weights so the views keep a working model.
    try {
      model?.dispose();
      model = deserializeModel(lastGood, 'last good model').model;
      await sendSnapshot();
      post({ type: 'model-info', config: model.config, steps: model.stepsDone, data: model.data });
    } catch (e) {
      model = null;
      post({ type: 'error', message: `could not restore the last good model: ${oneLine(e)}` });
    }
  }
  setState('failed', `${message}; training stopped, the last good model (step ${lastGood?.training.steps ?? 0}) is kept`);
  await sendFidelity();
}

async function runLoop() {
  if (!model || running) return;
  running = true;
  // The last measurement describes weights that are about to change.
  post({ type: 'fidelity', fidelity: null, step: model.stepsDone });
  try {
    if (!trainer) trainer = createTrainer(model);
    if (model.stepsDone === 0) {
      // The coupled solver's pairs exist as soon as the trainer does, and the untrained path network
      // bends nothing: the views show straight-line optimal transport at once, labelled as such.
      const straight = model.coupling !== null;
      if (straight) await sendSnapshot();
      setState('pretraining', straight ? 'showing straight-line optimal transport between the anchors until the paths are trained' : undefined);
      pretrainAbort = new AbortController();
      await trainer.pretrain(
        (done, total) => post({ type: 'progress', phase: 'pretrain', done, total, stepsPerSecond: 0, etaSeconds: NaN }),
        pretrainAbort.signal,
      );
      if (pretrainAbort.signal.aborted) {
        running = false;
        setState('paused', 'paused during path-network pre-training (it restarts when training resumes)');
        await sendFidelity();
        return;
      }
    }
    setState('training');
    let lastSnap = performance.now();
    const t0 = performance.now();
    let count = 0;
    // Train runs up to the iteration count; Step runs its count even past it.
    while (running && stepsLeft !== 0 && (stepsLeft > 0 || model.stepsDone < model.config.iterations)) {
      const started = performance.now();
      if (injected) {
        injectFailure(model, injected);
        injected = null;
      }
      const stats = await trainer.step();
      trainSeconds += (performance.now() - started) / 1000;
      count++;
      if (stepsLeft > 0) stepsLeft--;
      checkStepStats(stats);
      const rate = count / ((performance.now() - t0) / 1000);
      post({
        type: 'progress',
        phase: 'train',
        done: model.stepsDone,
        total: model.config.iterations,
        stepsPerSecond: rate,
        etaSeconds: (model.config.iterations - model.stepsDone) / rate,
        stats,
      });
      if (model.stepsDone % CHECKPOINT_EVERY_STEPS === 0) lastGood = await checkpoint();
      if (performance.now() - lastSnap > SNAPSHOT_EVERY_MS) {
        await sendSnapshot();
        lastSnap = performance.now();
      }
      // Yield to the message queue so Pause, slider requests and field requests are handled between steps.
      await new Promise((r) => setTimeout(r, 0));
    }
    running = false;
    lastGood = await checkpoint();
    await sendSnapshot();
    // 'ready' once the iteration budget is used up (the UI's Train raises it and trains on), else 'paused'.
    setState(model.stepsDone >= model.config.iterations ? 'ready' : 'paused');
    await sendFidelity();
  } catch (e) {
    await fail(e);
  }
}

/**
 * Starts the training loop. A previous loop may still be measuring the anchor fidelity of the
 * weights it stopped at (its result is dropped once training runs again); `loop` covers both,
 * so the model is never replaced under either.
 */
function startLoop() {
  const previous = loop;
  const next = runLoop();
  loop = Promise.all([previous, next]).then(() => undefined);
}

async function handle(msg: ToWorker) {
  switch (msg.type) {
    case 'init': {
      await stopLoop();
      const previous = model ? await checkpoint() : null;
      disposeModel();
      const chosen = await selectBackend(msg.backend);
      backend = chosen.name;
      post({ type: 'backend', name: chosen.name, reason: chosen.reason });
      // Carry the current model over to the new backend.
      if (previous ?? lastGood) await install(deserializeModel(previous ?? lastGood, 'model').model);
      return;
    }
    case 'set-data':
      await stopLoop();
      await install(new ClotModel(msg.data, msg.config));
      return;
    case 'load-model': {
      await stopLoop();
      const { model: loaded, training } = deserializeModel(msg.file, 'model file');
      await install(loaded);
      trainSeconds = training.seconds;
      return;
    }
    case 'train':
      stepsLeft = -1;
      if (!running) startLoop();
      return;
    case 'step':
      stepsLeft = msg.count;
      if (!running) startLoop();
      return;
    case 'pause':
      pauseNow();
      return;
    case 'update-config': {
      if (!model) return;
      // Only settings read fresh at each step may change without a restart.
      const cfg = model.config as ClotConfig;
      if (msg.config.iterations !== undefined) cfg.iterations = msg.config.iterations;
      post({ type: 'model-info', config: model.config, steps: model.stepsDone, data: model.data });
      return;
    }
    case 'save': {
      const file = await checkpoint();
      if (file) post({ type: 'saved', id: msg.id, file });
      return;
    }
    case 'fields': {
      if (!model) return;
      const result = await computeFields(model, msg.request);
      post({ type: 'fields', id: msg.id, result: { request: msg.request, ...result } });
      return;
    }
    case 'debug-inject-failure':
      injected = msg.kind;
      return;
  }
}

// Messages are handled one at a time, in order (a model must not be replaced while a
// backend switch is half done); Pause acts at once, landing at the next step boundary.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<ToWorker>) => {
  if (e.data.type === 'pause') {
    pauseNow();
    return;
  }
  queue = queue.then(() => handle(e.data)).catch((err) => {
    console.error(`worker failed on ${e.data.type}:`, err instanceof Error ? err.stack : err);
    post({ type: 'error', message: oneLine(err) });
  });
};

// Keep tfjs from printing its backend banner noise into the console on every switch.
tf.env().set('PROD', true);

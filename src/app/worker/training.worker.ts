/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs-core';
import * as Comlink from 'comlink';
import { computeFields } from '../../core/clot/fields';
import { ClotModel } from '../../core/clot/model';
import type { ModelFile } from '../../core/clot/model-file';
import { deserializeModel } from '../../core/clot/serialize';
import { oneLine } from '../../core/errors';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { selectBackend } from './backend-select';
import { clotSession } from './clot-session';
import { failFieldsIfAsked, listenForDebugMessages } from './debug-hooks';
import { EVENT_NAMES, type StampedEvents, type TrainingApi, type TrainingEvents } from './protocol';
import { serialQueue } from './serial';
import { ViewFeed } from './view-feed';
import { workerMessage } from './worker-message';

/**
 * The training worker: a thin adapter from the UI's calls (comlink) to one core TrainingSession
 * (clot-session.ts), which holds the model, its states, the step loop, checkpoints and
 * restore-on-failure. The views hear about the model through a ViewFeed.
 */
const feed = new ViewFeed();
const model = (): ClotModel | null => (session.surrogate as ClotSurrogate | null)?.model ?? null;
const current = (m: ClotModel) => () => model() === m && !session.isRunning;

const session = clotSession(feed);

/** The generation of the installed model (the UI's number for it): every event goes out with it. */
let generation = 0;

/** The UI's sink with each event stamped with the generation current when it is sent. */
function stamped(sink: StampedEvents): TrainingEvents {
  const out = {} as Record<string, (...args: unknown[]) => void>;
  for (const name of EVENT_NAMES) out[name] = (...args) => (sink[name] as (...a: unknown[]) => void)(generation, ...args);
  return out as unknown as TrainingEvents;
}

/** Installs `next` as generation `gen`: the old run stops (and publishes its last events under the old generation) first. */
async function install(next: ClotModel, seconds = 0, gen = generation) {
  await session.stop();
  generation = gen;
  await session.install(new ClotSurrogate(next), seconds);
  await feed.all(next, current(next));
}

/** No model could be built: the old one goes too (as `gen`, so its events stop), and the views hear why. */
async function dropModel(gen: number, err: unknown) {
  await session.stop();
  generation = gen;
  keptModel = null;
  await session.dispose();
  feed.events.state('failed', workerMessage(err));
}

/**
 * The last trained model a restart setting replaced on the same data (setData keepPrevious), as a
 * model file: setting the settings back puts it back instead of training afresh. Two changes in a
 * row keep the trained one, not the untrained model between them; new data or a loaded model drop it.
 */
let keptModel: unknown = null;

const serial = serialQueue();
const report = (err: unknown) => feed.events.error(oneLine(err));
/**
 * Starts a run; a no-op while one trains. A run that has stopped but is still publishing its last
 * weights (onRunEnd) finishes that first. Resolves once the new run has started.
 */
async function start(steps?: number) {
  if (!model() || session.state === 'training' || session.state === 'pretraining') return;
  await session.stop();
  session.run({ steps }).catch(report);
}

const api: TrainingApi = {
  connect: (sink) => void (feed.events = stamped(sink)),
  init: (backend) =>
    serial(async () => {
      // Carry the current model over to the new backend.
      await session.stop();
      const previous = await session.checkpoint();
      await session.dispose();
      const chosen = await selectBackend(backend);
      session.backend = chosen.name;
      feed.events.backend(chosen.name, chosen.reason);
      if (previous) await install(deserializeModel(previous, 'model').model);
    }),
  setData: (data, config, gen, keepPrevious = false) =>
    serial(async () => {
      let next: ClotModel;
      try {
        next = new ClotModel(data, config);
      } catch (e) {
        await dropModel(gen, e);
        throw e;
      }
      if (!keepPrevious) keptModel = null;
      else if ((session.surrogate?.stepsDone ?? 0) > 0) {
        await session.stop();
        keptModel = await session.checkpoint();
      }
      await install(next, 0, gen);
    }),
  restorePrevious: (gen) =>
    serial(async () => {
      if (!keptModel) return false;
      const { model: kept, training } = deserializeModel(keptModel, 'kept model');
      keptModel = null;
      await install(kept, training.seconds, gen);
      return true;
    }),
  loadModel: (file, gen) =>
    serial(async () => {
      keptModel = null;
      let loaded: ReturnType<typeof deserializeModel>;
      try {
        loaded = deserializeModel(file, 'model file');
      } catch (e) {
        await dropModel(gen, e);
        throw e;
      }
      await install(loaded.model, loaded.training.seconds, gen);
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
      feed.modelInfo(m);
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
      failFieldsIfAsked();
      const result = await computeFields(m, request);
      return Comlink.transfer({ request, ...result }, [result.metric, result.potential].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : [])));
    }),
};
Comlink.expose(api);
listenForDebugMessages();

// Keep tfjs from printing its backend banner noise into the console on every switch.
tf.env().set('PROD', true);

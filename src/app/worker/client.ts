import * as Comlink from 'comlink';
import type { ModelFile } from '../../core/clot/model-file';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import { oneLine } from '../../core/errors';
import { showsStraightLine } from '../store/kept-picture';
import { LossHistory } from '../store/loss-history';
import { useStore } from '../store/store';
import type { BackendChoice, FieldRequest, FieldResult, TrainingApi, TrainingEvents } from './protocol';

const set = useStore.setState;

/**
 * A rejection from the worker as one line: comlink rebuilds the thrown error with its name, and
 * the worker's own errors (HtiError, DataError, or a plain Error it throws) are phrased for
 * people already, so only other kinds (a TypeError, say) keep their name.
 */
export function workerMessage(e: unknown): string {
  if (e instanceof Error && ['HtiError', 'DataError', 'Error'].includes(e.name)) return e.message.split('\n')[0];
  return oneLine(e);
}

/**
 * True from a restart setting's setData until the new model announces itself (its model info or
 * first picture, at step 0) on the event channel. Events keep their order among themselves, not with
 * the calls' replies: until then a picture at step > 0 is the replaced model's, still on its way (a
 * loaded model's snapshot can come seconds after its state), and it becomes the kept picture.
 */
let replacing = false;
/**
 * True from new data's setData until its model announces itself (model info at step 0): the
 * replaced model's last events (its 'paused' state, its final picture and progress, a fidelity
 * report) are still on their way and belong to other data, so they are dropped, not drawn over
 * the new anchors or read as the new model's state.
 */
let dropping = false;
/** The same from loadModel until the loaded model's model info (at its own step count); its picture follows that. */
let loading = false;
/**
 * True from restorePrevious until the restored (trained) model's model info arrives: the untrained
 * model it replaces may still send a step-0 picture or fidelity, which must not cover it.
 */
let restoring = false;
/** The loss curves of the trained model a restart setting replaced, for when restorePrevious puts it back. */
let keptHistory: { history: LossHistory; historyLength: number } | null = null;
/** Drops the kept picture once the newest model has published a picture of its own. */
const dropKept = (replaced: boolean) => (replaced && !replacing ? { keptPicture: null } : {});

/** The training worker's events, folded into the store. */
const events: TrainingEvents = {
  backend: (name, reason) => set({ backend: { name, reason } }),
  // A message belongs to the state it came with; an error from an earlier action no longer
  // applies once training is running again. The straight-line picture came just before its state.
  state: (state, message) => {
    // The new model's first state is 'ready' (session.install); the old one's 'paused' or 'training' are stale.
    if ((dropping || loading) && state !== 'ready') return;
    set({
      trainState: state,
      trainMessage: message ?? null,
      ...(state === 'training' || state === 'pretraining' ? { workerError: null } : {}),
      ...dropKept(showsStraightLine(state, message)),
    });
  },
  fidelity: (fidelity) => {
    if (!dropping && !restoring && !loading) set({ fidelity });
  },
  progress: ({ stats, ...progress }) => {
    if (dropping || restoring || loading) return;
    set((s) => {
      if (stats) s.history.push(stats);
      return { progress, ...(stats ? { historyLength: s.history.length, steps: stats.step } : {}) };
    });
  },
  snapshot: (snapshot, step, labels, conds) => {
    if ((dropping && step > 0) || restoring || loading) return;
    if (step === 0) dropping = false;
    if (replacing && step === 0) replacing = false;
    if (replacing)
      return set((s) => {
        const config = s.keptPicture?.config ?? s.config;
        if (!config) return {};
        const metricField = s.keptPicture?.metricField ?? s.metricField;
        const modelResolved = s.keptPicture ? s.keptPicture.modelResolved : s.modelResolved;
        return { keptPicture: { snapshot, snapshotLabels: labels, snapshotConds: conds, snapshotStep: step, metricField, config, modelResolved } };
      });
    set({ snapshot, snapshotLabels: labels, snapshotConds: conds, snapshotStep: step, ...dropKept(step > 0) });
  },
  modelInfo: (config, steps, modelResolved) => {
    if (dropping && steps > 0) return;
    loading = false;
    if (restoring) {
      if (steps === 0) return;
      restoring = false;
    }
    if (steps === 0) replacing = dropping = false;
    set({ config, steps, modelResolved });
  },
  error: (message) => set({ workerError: message }),
};

/**
 * The UI side of the training worker: typed calls through comlink, each of which settles (a
 * worker error comes back as a rejection). Fire-and-forget actions report a rejection in the
 * store's worker error instead of leaving it unhandled.
 */
export class TrainingClient {
  private readonly api: Comlink.Remote<TrainingApi>;

  constructor() {
    const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
    worker.onerror = (e) => set({ workerError: `the training worker crashed: ${e.message}`, trainState: 'failed' });
    this.api = Comlink.wrap<TrainingApi>(worker);
    void this.api.connect(Comlink.proxy(events));
  }

  /** Runs a call whose result nobody awaits; its failure becomes the shown worker error. */
  private fire(call: Promise<unknown>) {
    call.catch((e) => set({ workerError: workerMessage(e) }));
  }

  init(backend: BackendChoice) {
    this.fire(this.api.init(backend));
  }

  /** Installs a fresh model of `data`; `keep`: the views keep the replaced model's picture (kept-picture.ts). */
  setData(data: AnchorSet, config: Partial<ClotConfig>, keep = false) {
    // The curves go with the trained model the worker keeps (keepPrevious), for restorePrevious.
    const s = useStore.getState();
    keptHistory = !keep ? null : s.steps > 0 ? { history: s.history, historyLength: s.historyLength } : keptHistory;
    set({ history: new LossHistory(), historyLength: 0, progress: null, steps: 0, workerError: null, fidelity: null, trainMessage: null });
    replacing = keep;
    dropping = !keep;
    restoring = false;
    // New data has no model yet ('loading the model…'): never 'training' or 'paused at n' beside anchors it has not seen.
    if (dropping) set({ trainState: 'empty', config: null, modelResolved: null });
    this.api.setData(data, config, keep).catch((e) => {
      dropping = false;
      set({ workerError: workerMessage(e) });
    });
  }

  /**
   * Puts back the trained model the last restart setting replaced (the settings are its own
   * again), with its loss curves; false where the worker kept none.
   */
  async restorePrevious(): Promise<boolean> {
    restoring = true;
    replacing = dropping = false;
    try {
      const restored = await this.api.restorePrevious();
      if (!restored) restoring = false;
      else if (keptHistory) set({ ...keptHistory });
      keptHistory = null;
      return restored;
    } catch (e) {
      restoring = false;
      set({ workerError: workerMessage(e) });
      return false;
    }
  }

  loadModel(file: ModelFile) {
    keptHistory = null;
    set({ history: new LossHistory(), historyLength: 0, progress: null, workerError: null, fidelity: null, trainMessage: null, trainState: 'empty' });
    loading = true;
    replacing = dropping = restoring = false;
    this.api.loadModel(file).catch((e) => {
      loading = false;
      set({ workerError: workerMessage(e), trainState: 'failed' });
    });
  }

  train() {
    this.fire(this.api.train());
  }

  pause() {
    this.fire(this.api.pause());
  }

  step(count = 1) {
    this.fire(this.api.step(count));
  }

  updateConfig(config: Partial<ClotConfig>) {
    this.fire(this.api.updateConfig(config));
  }

  save(): Promise<ModelFile> {
    return this.api.save();
  }

  fields(request: FieldRequest): Promise<FieldResult> {
    return this.api.fields(request);
  }
}

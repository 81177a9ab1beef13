import * as Comlink from 'comlink';
import type { ModelFile } from '../../core/clot/model-file';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import { isRunning } from '../model-status';
import { showsStraightLine } from '../store/kept-picture';
import { LossHistory } from '../store/loss-history';
import { useStore } from '../store/store';
import type { BackendChoice, FieldRequest, FieldResult, StampedEvents, TrainingApi } from './protocol';
import { workerMessage } from './worker-message';

const set = useStore.setState;

export { workerMessage };

/**
 * Every model the UI asks for (setData, loadModel, restorePrevious) gets the next generation, and
 * the worker stamps each event with the generation of the model that sent it. Only the generation
 * asked for last is shown: a replaced model's last events (its pause, its final picture and
 * progress, a fidelity report) are still on their way when the new one is installed, and the step
 * count cannot tell them apart (a model replaced during pre-training is also at step 0).
 */
let issued = 0;
let shown = 0;
const nextGeneration = () => (shown = ++issued);
/**
 * The generation whose pictures the views keep after a restart setting (kept-picture.ts): its
 * pictures still on their way, at step > 0, become the kept picture (a loaded model's snapshot can
 * come seconds after its state). Null where no picture is kept.
 */
let keptFrom: number | null = null;
/** The loss curves of the trained model a restart setting replaced, for when restorePrevious puts it back. */
let keptHistory: { history: LossHistory; historyLength: number } | null = null;
/** Drops the kept picture once the shown model has published a picture of its own. */
const dropKept = (replaced: boolean) => (replaced ? { keptPicture: null } : {});

/** The training worker's events, folded into the store: those of the generation shown (backend choices always). */
const events: StampedEvents = {
  backend: (_generation, name, reason) => set({ backend: { name, reason } }),
  // A message belongs to the state it came with; an error from an earlier action no longer
  // applies once training is running again. The straight-line picture came just before its state.
  state: (generation, state, message) => {
    if (generation !== shown) return;
    set({
      trainState: state,
      trainMessage: message ?? null,
      ...(isRunning(state) ? { workerError: null } : {}),
      ...dropKept(showsStraightLine(state, message)),
    });
  },
  fidelity: (generation, fidelity) => {
    if (generation === shown) set({ fidelity });
  },
  progress: (generation, { stats, ...progress }) => {
    if (generation !== shown) return;
    set((s) => {
      if (stats) s.history.push(stats);
      return { progress, ...(stats ? { historyLength: s.history.length, steps: stats.step } : {}) };
    });
  },
  snapshot: (generation, snapshot, step, labels, conds) => {
    if (generation !== shown) {
      if (generation === keptFrom && step > 0)
        set((s) => {
          const config = s.keptPicture?.config ?? s.config;
          if (!config) return {};
          const metricField = s.keptPicture?.metricField ?? s.metricField;
          const modelResolved = s.keptPicture ? s.keptPicture.modelResolved : s.modelResolved;
          return { keptPicture: { snapshot, snapshotLabels: labels, snapshotConds: conds, snapshotStep: step, metricField, config, modelResolved } };
        });
      return;
    }
    set({ snapshot, snapshotLabels: labels, snapshotConds: conds, snapshotStep: step, ...dropKept(step > 0) });
  },
  modelInfo: (generation, config, steps, modelResolved) => {
    if (generation === shown) set({ config, steps, modelResolved });
  },
  error: (generation, message) => {
    if (generation === shown) set({ workerError: message });
  },
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
    worker.onerror = (e) => set({ workerError: `the training worker crashed: ${e.message}`, trainState: 'failed', modelMissing: true });
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
    const s = useStore.getState();
    // Where the replaced model has trained, its pictures are what the views keep, including one still on its way
    // (a loaded model's snapshot can come seconds after its model info); two changes in a row keep the first.
    keptFrom = !keep ? null : s.steps > 0 ? shown : keptFrom;
    // The curves go with the trained model the worker keeps (keepPrevious), for restorePrevious.
    keptHistory = !keep ? null : s.steps > 0 ? { history: s.history, historyLength: s.historyLength } : keptHistory;
    const generation = nextGeneration();
    // No model yet ('loading the model…'): never 'training' or 'paused at n' beside a model that is not the one shown.
    set({ history: new LossHistory(), historyLength: 0, progress: null, steps: 0, workerError: null, fidelity: null, trainMessage: null, trainState: 'empty', modelMissing: false, ...(keep ? {} : { config: null, modelResolved: null }) });
    this.api.setData(data, config, generation, keep).catch((e) => this.failed(generation, e));
  }

  /**
   * Puts back the trained model the last restart setting replaced (the settings are its own
   * again), with its loss curves; false where the worker kept none (nothing changes then).
   */
  async restorePrevious(): Promise<boolean> {
    const before = shown;
    const generation = nextGeneration();
    try {
      const restored = await this.api.restorePrevious(generation);
      if (!restored) {
        if (shown === generation) shown = before;
        return false;
      }
      // Unless another model was asked for meanwhile, the restored one is shown: its curves come back, and nothing is kept.
      if (shown === generation) {
        if (keptHistory) set({ ...keptHistory });
        keptHistory = null;
        keptFrom = null;
      }
      return true;
    } catch (e) {
      this.failed(generation, e);
      return false;
    }
  }

  loadModel(file: ModelFile) {
    keptHistory = null;
    keptFrom = null;
    const generation = nextGeneration();
    set({ history: new LossHistory(), historyLength: 0, progress: null, workerError: null, fidelity: null, trainMessage: null, trainState: 'empty', modelMissing: false });
    this.api.loadModel(file, generation).catch((e) => this.failed(generation, e));
  }

  /** A call that should have installed `generation` failed: the worker dropped its model; the state says why (as the worker's 'failed' state does, whichever comes first). */
  private failed(generation: number, e: unknown) {
    if (generation === shown) set({ trainState: 'failed', trainMessage: workerMessage(e), modelMissing: true });
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

import type { FieldGrid } from '../../core/clot/fields';
import type { SamplerSnapshot } from '../../core/clot/snapshot';
import type { ModelFile } from '../../core/clot/model-file';
import type { StepStats } from '../../core/clot/trainer-types';
import type { BackendName } from '../../core/tfjs/backend';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import type { PotentialReason } from '../../core/geometry/potential-weight';
import type { MetricChoice } from '../../core/geometry/straight-check';
import type { AnchorFidelity } from '../../core/sampling/types';
import type { SessionProgress } from '../../core/session/training-session';

/** The typed boundary between the UI thread and the training worker. */

export type BackendChoice = 'auto' | BackendName;

/** Failures the 'debug-inject-failure' test hook can cause. */
/** 'nan': the next training step computes NaN; 'fields': the next fields call fails. */
export type InjectedFailure = 'nan' | 'fields';

export type TrainState = 'empty' | 'ready' | 'pretraining' | 'training' | 'paused' | 'failed';

/** The grid of the metric and potential views (the core's FieldGrid). */
export type FieldRequest = FieldGrid;

export interface FieldResult {
  request: FieldRequest;
  /** nx·ny × 4: G restricted to the shown dims (g00, g01, g10, g11), data units. */
  metric: Float32Array | null;
  /** nx·ny: U(q | x) = α·(log p̂ − log p̂_max) (≤ 0), or null without potential. */
  potential: Float32Array | null;
}

/**
 * What the training worker offers the UI (through comlink: every call returns a promise that
 * settles, errors come back as rejections). Calls other than pause run one at a time, in order,
 * so a model is never replaced while another call is half done.
 */
export interface TrainingApi {
  /** Registers the UI's event sink (a comlink proxy); call once, first. */
  connect(events: StampedEvents): void;
  /** Chooses the tfjs backend and moves the current model (if any) onto it. */
  init(backend: BackendChoice): Promise<void>;
  /**
   * Replaces data and model (a fresh, untrained surrogate) whose events carry `generation`.
   * `keepPrevious` (a restart setting on the same data): the replaced model, where it has
   * trained, is kept for restorePrevious. Where no model can be built for the data and config,
   * the old model is dropped too (its events must not speak for the new data) and the call rejects.
   */
  setData(data: AnchorSet, config: Partial<ClotConfig>, generation: number, keepPrevious?: boolean): Promise<void>;
  /** Puts back the trained model the last setData with keepPrevious replaced, as `generation`; false (and nothing changes) where none is kept. */
  restorePrevious(generation: number): Promise<boolean>;
  /** Replaces the model with one from a file (the UI has shown its anchors already), as `generation`. */
  loadModel(file: ModelFile, generation: number): Promise<void>;
  /** Starts training to config.iterations steps in all, resuming where it stopped; resolves once it has started. */
  train(): Promise<void>;
  /** Starts exactly `count` steps, then pauses. */
  step(count: number): Promise<void>;
  /** Stops at the next step boundary (acts at once, outside the call order). */
  pause(): void;
  /** Settings that need no restart (the step budget) take effect at once. */
  updateConfig(config: Partial<ClotConfig>): Promise<void>;
  save(): Promise<ModelFile>;
  fields(request: FieldRequest): Promise<FieldResult>;
}

/** The settings a config may leave to the data ('auto'), as the installed model resolved them. */
export interface AutoResolved {
  /** The potential's bandwidth h (standardised units). */
  bandwidth: number;
  /** The potential's weight α (0: the model has no potential). */
  alpha: number;
  /** Why 'auto' chose that weight (null where α was set as a number, the variant has none, or a model file's saved weight differs from this build's rule). */
  alphaReason: PotentialReason | null;
  /** For a variant with a learned metric: whether it learns or is held at G = I, and why (null for other variants). */
  metric: MetricChoice | null;
}

/** Training progress as the UI keeps it: the session's report without the step's own numbers. */
export type TrainProgress = Omit<SessionProgress, 'step'>;

/** What the training worker tells the UI as it happens. */
export interface TrainingEvents {
  backend(name: BackendName, reason: string): void;
  state(state: TrainState, message?: string): void;
  progress(p: TrainProgress & { stats?: StepStats }): void;
  /** New weights: the UI samples from this snapshot on every slider movement. */
  snapshot(snapshot: SamplerSnapshot, step: number, labels: Int32Array | null, conds: Float32Array | null): void;
  /** The installed model's config, steps, and the values its config's 'auto' settings resolved to. */
  modelInfo(config: ClotConfig, steps: number, resolved: AutoResolved): void;
  /**
   * How the model at `step` reproduces its own training anchors (core/surrogate/fidelity.ts),
   * measured after training stops and after a model is installed; null while out of date
   * (training runs) or meaningless (an untrained model).
   */
  fidelity(fidelity: AnchorFidelity[] | null, step: number): void;
  /** A failure outside any call (training, measuring), as one line. */
  error(message: string): void;
}

/** The names of TrainingEvents, for stamping each with its model's generation. */
export const EVENT_NAMES = ['backend', 'state', 'progress', 'snapshot', 'modelInfo', 'fidelity', 'error'] as const satisfies readonly (keyof TrainingEvents)[];

/**
 * The UI's sink: every event with the generation of the model that sent it (the number the UI
 * gave setData, loadModel or restorePrevious). A replaced model's last events (its pause, final
 * picture, progress, fidelity) are still on their way when the new one is installed: the UI drops
 * every event not of the generation it asked for last, instead of guessing from step counts.
 */
export type StampedEvents = { [K in keyof TrainingEvents]: (generation: number, ...args: Parameters<TrainingEvents[K]>) => void };

/**
 * The worker's test-only entry point, posted as a plain message by the end-to-end tests
 * (e2e/failure.spec.ts), never by the UI: the next training step fails as `kind` says ('nan':
 * every weight becomes NaN, so the step's loss is not a number).
 */
export interface DebugMessage {
  type: 'debug-inject-failure';
  kind: InjectedFailure;
}

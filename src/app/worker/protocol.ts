import type { FieldGrid } from '../../core/clot/fields';
import type { SamplerSnapshot } from '../../core/clot/snapshot';
import type { ModelFile } from '../../core/clot/serialize';
import type { StepStats } from '../../core/clot/trainer-types';
import type { BackendName } from '../../core/backend';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import type { AnchorFidelity } from '../../core/surrogate/fidelity';

/** The typed boundary between the UI thread and the training worker. */

export type BackendChoice = 'auto' | BackendName;

/** Failures the 'debug-inject-failure' test hook can cause. */
export type InjectedFailure = 'nan';

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

export type ToWorker =
  | { type: 'init'; backend: BackendChoice }
  /** Replaces data and model (a fresh, untrained surrogate). */
  | { type: 'set-data'; data: AnchorSet; config: Partial<ClotConfig> }
  /** Replaces the model with one from a file (its data comes with it). */
  | { type: 'load-model'; file: ModelFile }
  /** Trains until `config.iterations` steps in total, resuming where it stopped. */
  | { type: 'train' }
  | { type: 'pause' }
  /** Runs exactly `count` steps, then pauses. */
  | { type: 'step'; count: number }
  /** Settings that need no restart (iterations, …) take effect at once. */
  | { type: 'update-config'; config: Partial<ClotConfig> }
  | { type: 'save'; id: number }
  | { type: 'fields'; id: number; request: FieldRequest }
  /**
   * Test hook, sent only by the end-to-end tests (e2e/failure.spec.ts), never by the UI:
   * the next training step fails as `kind` says ('nan': every weight becomes NaN, so the
   * step's loss is not a number), exercising the worker's stop-and-restore path.
   */
  | { type: 'debug-inject-failure'; kind: InjectedFailure };

export type FromWorker =
  | { type: 'backend'; name: BackendName; reason: string }
  | { type: 'state'; state: TrainState; message?: string }
  | { type: 'progress'; phase: 'pretrain' | 'train'; done: number; total: number; stepsPerSecond: number; etaSeconds: number; stats?: StepStats }
  /** New weights: the UI samples from this snapshot on every slider movement. */
  | { type: 'snapshot'; snapshot: SamplerSnapshot; step: number; labels: Int32Array | null; conds: Float32Array | null }
  | { type: 'model-info'; config: ClotConfig; steps: number; data: AnchorSet }
  | { type: 'saved'; id: number; file: ModelFile }
  | { type: 'fields'; id: number; result: FieldResult }
  /**
   * How the model at `step` reproduces its own training anchors (core/surrogate/fidelity.ts),
   * measured by the worker after training stops (finished, paused, failed) and after a model is
   * installed; null while it is out of date (training runs) or meaningless (an untrained model).
   */
  | { type: 'fidelity'; fidelity: AnchorFidelity[] | null; step: number }
  | { type: 'error'; message: string };

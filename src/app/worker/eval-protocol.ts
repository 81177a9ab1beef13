import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import type { PresetId } from '../../core/datasets/presets';
import type { SampleTrack } from '../../core/surrogate/track';
import type { BaselineMethod, Method } from '../../core/sampling/types';
import type { BackendChoice } from './protocol';

/** The typed boundary between the UI and the evaluation worker (hold-out studies and baseline overlays). */

export interface EvalRequest {
  data: AnchorSet;
  /** Preset whose true density scores the samples (NLL), when the data is that preset. */
  truthPreset: PresetId | null;
  holdOut: number[];
  mode: 'each' | 'together';
  methods: Method[];
  /** CLOT settings (variant comes from each method); iterations also bound the baselines' network steps. */
  config: Partial<ClotConfig>;
  baselineIterations: number;
}

/** One method's score at one λ of one hold-out split. */
export interface EvalCell {
  method: Method;
  lambda: number;
  /** True when λ was held out from this method's training. */
  heldOut: boolean;
  w2: number;
  mse?: number;
  nll?: number;
  trainSeconds: number;
  /** Training steps the method ran (0 for methods with nothing to train). */
  steps: number;
}

export type OverlayTrack = SampleTrack;

/** Where a study reports as it goes (a comlink proxy from the UI). */
export interface StudySink {
  progress(label: string, done: number, total: number): void;
  /** One method's scores on one hold-out split, as soon as they are measured. */
  cells(cells: EvalCell[], w2Method: string): void;
}

/**
 * What an evaluation worker offers (through comlink: every call settles; errors come back as
 * rejections). One study at a time: a new one cancels the old.
 */
export interface EvaluationApi {
  init(backend: BackendChoice): Promise<void>;
  /** Trains every chosen method on each split and scores it; resolves with whether it was cancelled. */
  evaluate(request: EvalRequest, sink: StudySink): Promise<{ cancelled: boolean }>;
  /** Stops the running study at its next method boundary. */
  cancel(): void;
  /**
   * A baseline's samples along λ, to draw next to the surrogate. `progress` hears the fraction of its
   * training done; an `abortable` build stops at cancelOverlay (and rejects with OVERLAY_CANCELLED).
   */
  overlay(method: BaselineMethod, data: AnchorSet, n: number, iterations: number, progress?: (fraction: number) => void, abortable?: boolean): Promise<OverlayTrack>;
  /** Stops the abortable overlay builds running or queued (another overlay was chosen, or none). */
  cancelOverlay(): void;
}

/** The message an abortable overlay build rejects with when cancelOverlay stops it. */
export const OVERLAY_CANCELLED = 'overlay cancelled';

import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import type { PresetId } from '../../core/datasets/presets';
import type { SampleTrack } from '../../core/surrogate/track';
import type { BaselineMethod, Method } from '../../core/surrogate/types';
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
}

export type OverlayTrack = SampleTrack;

export type ToEvalWorker =
  | { type: 'init'; backend: BackendChoice }
  | { type: 'evaluate'; id: number; request: EvalRequest }
  | { type: 'cancel' }
  | { type: 'overlay'; id: number; method: BaselineMethod; data: AnchorSet; n: number; iterations: number };

export type FromEvalWorker =
  | { type: 'backend'; name: string }
  | { type: 'eval-progress'; id: number; label: string; done: number; total: number }
  | { type: 'eval-cells'; id: number; cells: EvalCell[]; w2Method: string }
  | { type: 'eval-done'; id: number; cancelled: boolean }
  | { type: 'eval-error'; id: number; message: string }
  | { type: 'overlay'; id: number; track: OverlayTrack }
  | { type: 'overlay-error'; id: number; message: string };

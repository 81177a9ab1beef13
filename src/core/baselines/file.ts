import type { EncodedAnchorSet } from '../data/encode';
import type { SerializedTensor } from '../nn/mlp';
import type { TrainingInfo } from '../sampling/types';
import type { BaselineConfig } from './config';

export const BASELINE_FORMAT = 'hti-baseline-model';
export const BASELINE_VERSION = 1;

/** A baseline's file: its settings, the anchors (the coupling is recomputed from them, deterministically) and any network weights. */
export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  version: number;
  method: BaselineConfig['method'];
  config: BaselineConfig;
  data: EncodedAnchorSet;
  training: TrainingInfo;
  weights?: Record<string, SerializedTensor>;
}

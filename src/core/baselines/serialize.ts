import type { TrainingInfo } from '../clot/serialize';
import { decodeAnchorSet, encodeAnchorSet, type EncodedAnchorSet } from '../data/encode';
import { HtiError } from '../errors';
import type { SerializedTensor } from '../nn/mlp';
import type { BaselineConfig } from './config';
import { BaselineModel } from './model';

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

export async function serializeBaseline(model: BaselineModel, training: TrainingInfo): Promise<BaselineFile> {
  return {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    method: model.config.method,
    config: model.config,
    data: encodeAnchorSet(model.data),
    training,
    ...(model.net ? { weights: await model.net.serialize() } : {}),
  };
}

export function deserializeBaseline(doc: unknown, file = 'model'): { model: BaselineModel; training: TrainingInfo } {
  const m = doc as Partial<BaselineFile>;
  if (m.version !== BASELINE_VERSION) throw new HtiError(`${file}: has baseline format version ${String(m.version)}; this build reads version ${BASELINE_VERSION}`);
  let model: BaselineModel;
  try {
    model = new BaselineModel(decodeAnchorSet(m.data!), { ...m.config!, method: String(m.method) });
  } catch (e) {
    throw new HtiError(`${file}: has invalid contents (${(e as Error).message})`);
  }
  try {
    if (model.net) {
      if (!m.weights) throw new Error('no weights');
      model.net.load(m.weights);
    }
  } catch (e) {
    model.dispose();
    throw new HtiError(`${file}: has invalid weights (${(e as Error).message})`);
  }
  const training = m.training ?? { steps: 0, seconds: 0, backend: 'unknown' };
  model.stepsDone = training.steps;
  return { model, training };
}

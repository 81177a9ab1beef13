import { resolveConfig, type ClotConfig } from '../config';
import { decodeAnchorSet, encodeAnchorSet, type EncodedAnchorSet } from '../data/encode';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import type { SerializedTensor } from '../nn/mlp';
import { ClotModel } from './model';

export const MODEL_FORMAT = 'hti-clot-model';
export const MODEL_VERSION = 1;

/** Training facts recorded with a model. */
export interface TrainingInfo {
  steps: number;
  seconds: number;
  backend: string;
}

/** The versioned model file: weights, config, anchors, normalisation and bounds. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  config: ClotConfig;
  data: EncodedAnchorSet;
  normalization: ClotModel['norm'];
  bounds: { lo: number[]; hi: number[] };
  training: TrainingInfo;
  weights: Record<string, Record<string, SerializedTensor>>;
}

export async function serializeModel(model: ClotModel, training: TrainingInfo): Promise<ModelFile> {
  const weights: ModelFile['weights'] = {};
  for (const net of model.networks()) weights[net.name] = await net.serialize();
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    config: model.config,
    data: encodeAnchorSet(model.data),
    normalization: model.norm,
    bounds: { lo: model.lo, hi: model.hi },
    training,
    weights,
  };
}

/**
 * Checks a model file's envelope, config and anchors without building any
 * network (no tfjs): cheap enough for the UI thread before handing the file on.
 */
export function readModelFile(doc: unknown, file = 'model'): { config: ClotConfig; data: AnchorSet; training: TrainingInfo } {
  const fail = (why: string): never => {
    throw new HtiError(`${file}: ${why}`);
  };
  const m = doc as Partial<ModelFile>;
  const baseline = (doc as { format?: string; method?: string } | null)?.format === 'hti-baseline-model';
  if (baseline) fail(`is a baseline model (${String((doc as { method?: string }).method)}), not a CLOT model; only hti sample and hti eval read baselines`);
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) fail(`is not an hti model file (expected "format": "${MODEL_FORMAT}")`);
  if (m.version !== MODEL_VERSION) fail(`has model format version ${String(m.version)}; this build reads version ${MODEL_VERSION}`);
  try {
    const config = resolveConfig(m.config);
    const data = decodeAnchorSet(m.data!);
    if (!m.weights || typeof m.weights !== 'object') throw new Error('no weights');
    return { config, data, training: m.training ?? { steps: 0, seconds: 0, backend: 'unknown' } };
  } catch (e) {
    return fail(`has invalid contents (${(e as Error).message})`);
  }
}

/** Rebuilds a model from its file; throws a one-line HtiError naming `file` on anything malformed. */
export function deserializeModel(doc: unknown, file = 'model'): { model: ClotModel; training: TrainingInfo } {
  const { config, data, training } = readModelFile(doc, file);
  const m = doc as ModelFile;
  const model = new ClotModel(data, config);
  try {
    for (const net of model.networks()) {
      const w = m.weights[net.name];
      if (!w) throw new Error(`missing weights of network ${net.name}`);
      net.load(w);
    }
  } catch (e) {
    model.dispose();
    throw new HtiError(`${file}: has invalid weights (${(e as Error).message})`);
  }
  model.stepsDone = training.steps;
  return { model, training };
}

import type { TrainingInfo } from '../surrogate/types';
import { resolveConfig, type ClotConfig } from '../config';
import { decodeAnchorSet, encodeAnchorSet, type EncodedAnchorSet } from '../data/encode';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import type { SerializedTensor } from '../nn/mlp';
import { base64ToF32, f32ToBase64 } from '../nn/base64';
import { ClotModel } from './model';

export const MODEL_FORMAT = 'hti-clot-model';
export const MODEL_VERSION = 1;

/** Training facts recorded with a model. */
export type { TrainingInfo };

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
  /** The coupled solver's pairs per interval (partner row indices, int32 as base64), when trained with it. */
  coupling?: string[];
  /** The calibrated timing's lingering exponent (model.linger), when not 0. */
  linger?: number;
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
    ...(model.coupling ? { coupling: model.coupling.map(i32ToBase64) } : {}),
    ...(model.linger ? { linger: model.linger } : {}),
  };
}

function i32ToBase64(a: Int32Array): string {
  return f32ToBase64(new Float32Array(a.buffer, a.byteOffset, a.length));
}

/** Partner indices back from a file, checked against the anchors' row counts. */
function readCoupling(encoded: unknown, data: AnchorSet): Int32Array[] {
  if (!Array.isArray(encoded) || encoded.length !== data.anchors.length - 1) throw new Error('coupling needs one entry per interval');
  return encoded.map((e, k) => {
    const f = base64ToF32(String(e));
    const idx = new Int32Array(f.buffer, f.byteOffset, f.length);
    if (idx.length !== data.anchors[k].n || idx.some((j) => j < 0 || j >= data.anchors[k + 1].n)) throw new Error(`coupling of interval ${k} does not fit the anchors`);
    return idx;
  });
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
    if (m.coupling !== undefined) model.coupling = readCoupling(m.coupling, data);
    if (m.linger !== undefined) {
      if (typeof m.linger !== 'number' || !(m.linger >= 0 && m.linger <= 4)) throw new Error(`linger must be a number in [0, 4], got ${String(m.linger)}`);
      model.linger = m.linger;
    }
  } catch (e) {
    model.dispose();
    throw new HtiError(`${file}: has invalid weights (${(e as Error).message})`);
  }
  model.stepsDone = training.steps;
  return { model, training };
}

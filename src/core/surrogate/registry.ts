import { BaselineModel } from '../baselines/model';
import { BASELINE_FORMAT } from '../baselines/file';
import { deserializeBaseline } from '../baselines/serialize';
import { ClotModel } from '../clot/model';
import { MODEL_FORMAT } from '../clot/model-file';
import { deserializeModel } from '../clot/serialize';
import type { ClotConfig, Variant } from '../config';
import type { AnchorSet } from '../data/types';
import { ClotSurrogate } from './clot';
import { METHOD_REGISTRY } from './methods';
import type { Method, Surrogate, TrainingInfo } from '../sampling/types';

/** Settings shared by every method; each method reads the ones it has. */
export type MethodSettings = Partial<ClotConfig>;

/** An untrained surrogate of any method on `data`. */
export function createSurrogate(data: AnchorSet, method: Method, settings: MethodSettings = {}): Surrogate {
  if (METHOD_REGISTRY[method].family === 'clot') return new ClotSurrogate(new ClotModel(data, { ...settings, variant: method as Variant }));
  return new BaselineModel(data, { method, seed: settings.seed, iterations: settings.iterations, lr: settings.lr });
}

/** Model files by their `format` field: how each is read back. */
const MODEL_LOADERS: Record<string, (doc: unknown, file: string) => { surrogate: Surrogate; training: TrainingInfo }> = {
  [MODEL_FORMAT]: (doc, file) => {
    const { model, training } = deserializeModel(doc, file);
    return { surrogate: new ClotSurrogate(model), training };
  },
  [BASELINE_FORMAT]: (doc, file) => {
    const { model, training } = deserializeBaseline(doc, file);
    return { surrogate: model, training };
  },
};

/** Reads any model file (CLOT or baseline); a file without a known format is read as CLOT, whose reader names the problem. */
export function loadSurrogate(doc: unknown, file = 'model'): { surrogate: Surrogate; training: TrainingInfo } {
  const format = (doc as { format?: unknown } | null)?.format;
  const load = (typeof format === 'string' && MODEL_LOADERS[format]) || MODEL_LOADERS[MODEL_FORMAT];
  return load(doc, file);
}

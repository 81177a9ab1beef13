import { fitBaseline } from '../baselines/fit';
import { BaselineModel } from '../baselines/model';
import { deserializeBaseline, serializeBaseline, BASELINE_FORMAT } from '../baselines/serialize';
import { ClotModel } from '../clot/model';
import { trainModel, type TrainProgress } from '../clot/run';
import { deserializeModel, serializeModel, type TrainingInfo } from '../clot/serialize';
import type { ClotConfig, Variant } from '../config';
import type { AnchorSet } from '../data/types';
import { ClotSurrogate } from './clot';
import { isBaseline, type Method, type Surrogate } from './types';

/** Settings shared by every method; each method reads the ones it has. */
export type MethodSettings = Partial<ClotConfig>;

export interface SurrogateProgress {
  done: number;
  total: number;
  stepsPerSecond: number;
  etaSeconds: number;
  /** 'pretrain' for the CLOT path network, 'train' otherwise. */
  phase: 'pretrain' | 'train';
  /** The baseline network's training loss. */
  loss?: number;
}

/** Builds an untrained surrogate of any method on `data`. */
export function createSurrogate(data: AnchorSet, method: Method, settings: MethodSettings = {}): Surrogate {
  if (isBaseline(method)) {
    return new BaselineModel(data, { method, seed: settings.seed, iterations: settings.iterations, lr: settings.lr });
  }
  return new ClotSurrogate(new ClotModel(data, { ...settings, variant: method as Variant }));
}

/** Trains any surrogate in place; resolves with whether it finished (false when aborted). */
export async function trainSurrogate(
  s: Surrogate,
  opts: { signal?: AbortSignal; onProgress?: (p: SurrogateProgress, clot?: TrainProgress) => void } = {},
): Promise<boolean> {
  if (s instanceof ClotSurrogate) {
    const r = await trainModel(s.model, { signal: opts.signal, onProgress: (p) => opts.onProgress?.(p, p) });
    return r.completed;
  }
  const b = s as BaselineModel;
  const t0 = performance.now();
  const first = b.stepsDone;
  const r = await fitBaseline(b, {
    signal: opts.signal,
    onProgress: (p) => {
      const rate = (p.done - first) / Math.max((performance.now() - t0) / 1000, 1e-9);
      opts.onProgress?.({ phase: 'train', done: p.done, total: p.total, stepsPerSecond: rate, etaSeconds: (p.total - p.done) / rate, loss: p.loss });
    },
  });
  return r.completed;
}

/** Training steps a surrogate runs in all (0 for identity, nearest and mccann, which have no network). */
export function plannedSteps(s: Surrogate): number {
  if (s instanceof ClotSurrogate) return s.model.config.iterations;
  const b = s as BaselineModel;
  return b.net ? b.config.iterations : 0;
}

export function stepsDone(s: Surrogate): number {
  return s instanceof ClotSurrogate ? s.model.stepsDone : (s as BaselineModel).stepsDone;
}

export async function serializeSurrogate(s: Surrogate, training: TrainingInfo): Promise<unknown> {
  return s instanceof ClotSurrogate ? serializeModel(s.model, training) : serializeBaseline(s as BaselineModel, training);
}

/** Reads a CLOT or baseline model file. */
export function deserializeSurrogate(doc: unknown, file = 'model'): { surrogate: Surrogate; training: TrainingInfo } {
  if ((doc as { format?: string } | null)?.format === BASELINE_FORMAT) {
    const { model, training } = deserializeBaseline(doc, file);
    return { surrogate: model, training };
  }
  const { model, training } = deserializeModel(doc, file);
  return { surrogate: new ClotSurrogate(model), training };
}

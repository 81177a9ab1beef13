import type { TrainingInfo } from '../sampling/types';
import { decodeAnchorSet } from '../data/encode';
import { HtiError } from '../errors';
import { BASELINE_VERSION, type BaselineFile } from './file';
import { BaselineModel } from './model';


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

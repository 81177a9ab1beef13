import { CoupledTrainer } from './coupled-trainer';
import type { ClotModel } from './model';
import { SemiDualTrainer } from './semidual-trainer';
import type { Trainer } from './trainer-types';

/** The trainer of the model's configured solver. */
export function createTrainer(model: ClotModel): Trainer {
  return model.config.solver === 'coupled' ? new CoupledTrainer(model) : new SemiDualTrainer(model);
}

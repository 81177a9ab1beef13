import { createTrainer } from '../clot/create-trainer';
import type { ClotModel } from '../clot/model';
import { Sampler } from '../clot/sampler';
import { serializeModel } from '../clot/serialize';
import type { StepStats } from '../clot/trainer-types';
import type { PointSampler, StartOptions, Surrogate, SurrogateTrainer, TrainingInfo, TrainStep } from '../sampling/types';

/** A CLOT step's report: its named losses, the transport cost as the loss. */
export type ClotStep = StepStats & TrainStep;

/** A CLOT model behind the common surrogate interface. */
export class ClotSurrogate implements Surrogate {
  constructor(readonly model: ClotModel) {}

  get method() {
    return this.model.config.variant;
  }

  get data() {
    return this.model.data;
  }

  get lambdas() {
    return this.model.lambdas;
  }

  get stepsDone() {
    return this.model.stepsDone;
  }

  get plannedSteps() {
    return this.model.config.iterations;
  }

  set plannedSteps(n: number) {
    this.model.config.iterations = n;
  }

  trainer(): SurrogateTrainer {
    const t = createTrainer(this.model);
    return {
      pretrain: (onProgress, signal) => t.pretrain(onProgress, signal),
      step: async (): Promise<ClotStep> => {
        const s = await t.step();
        return { ...s, loss: s.dual, losses: { dual: s.dual, residual: s.residual, energy: s.energy } };
      },
      dispose: () => t.dispose(),
    };
  }

  serialize(training: TrainingInfo): Promise<unknown> {
    return serializeModel(this.model, training);
  }

  sampler(opts: StartOptions = {}): PointSampler {
    return new Sampler(this.model, opts);
  }

  dispose(): void {
    this.model.dispose();
  }
}

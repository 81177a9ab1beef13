import type { ClotModel } from '../clot/model';
import { Sampler } from '../clot/sampler';
import type { PointSampler, StartOptions, Surrogate } from './types';

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

  sampler(opts: StartOptions = {}): PointSampler {
    return new Sampler(this.model, opts);
  }

  dispose(): void {
    this.model.dispose();
  }
}

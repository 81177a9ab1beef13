import { flowAt, flowMatchingExamples } from './flow-matching';
import type { BaselineStrategy } from './strategy';

/** Conditional flow matching with each training pair taken from the exact optimal coupling of its interval. */
export const otCfm: BaselineStrategy = {
  method: 'ot-cfm',
  coupling: 'interval',
  // A pair of the plan, uniformly: where counts agree, row i and its partner.
  examples: (model, rng) =>
    flowMatchingExamples(model, rng, (k) => {
      const { src, dst } = model.plans[k];
      const p = rng.int(src.length);
      return [src[p], dst[p]];
    }),
  at: flowAt,
};

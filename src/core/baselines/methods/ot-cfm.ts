import { flowAt, flowMatchingExamples } from './flow-matching';
import type { BaselineStrategy } from './strategy';

/** Conditional flow matching with each training pair taken from the exact optimal coupling of its interval. */
export const otCfm: BaselineStrategy = {
  method: 'ot-cfm',
  coupling: 'interval',
  examples: (model, rng) => flowMatchingExamples(model, rng, (k, i) => model.couplings[k][i]),
  at: flowAt,
};

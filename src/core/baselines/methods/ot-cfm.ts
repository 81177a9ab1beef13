import { planEntries } from '../coupling';
import { flowAt, flowMatchingExamples } from './flow-matching';
import type { BaselineStrategy } from './strategy';

/** Conditional flow matching with each training pair taken from the exact optimal coupling of its interval. */
export const otCfm: BaselineStrategy = {
  method: 'ot-cfm',
  coupling: 'interval',
  examples: (model, rng) => {
    const entries = model.plans.map(planEntries);
    // A row with several partners (the next anchor has more rows) takes one of them at random.
    return flowMatchingExamples(model, rng, (k, i) => {
      const e = entries[k].get(i)!;
      return model.plans[k].dst[e.length === 1 ? e[0] : e[rng.int(e.length)]];
    });
  },
  at: flowAt,
};

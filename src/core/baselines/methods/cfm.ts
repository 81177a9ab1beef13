import { conditionKeys, groupRows } from '../../data/groups';
import type { BaselineModel } from '../model';
import { flowAt, flowMatchingExamples } from './flow-matching';
import type { BaselineStrategy } from './strategy';

/** For each row of anchor k, the rows of anchor k+1 with the same condition (all rows when conditions are not shared). */
function partnersByCondition(model: BaselineModel, k: number): (i: number) => number[] {
  const set = model.data;
  const ka = conditionKeys(set, set.anchors[k]);
  const gb = groupRows(conditionKeys(set, set.anchors[k + 1]));
  const all = [...Array(set.anchors[k + 1].n).keys()];
  const shared = ka.every((key) => gb.has(key));
  return (i) => (shared ? gb.get(ka[i])! : all);
}

/** Conditional flow matching, each training pair drawn independently within its condition. */
export const cfm: BaselineStrategy = {
  method: 'cfm',
  coupling: 'none',
  examples(model, rng) {
    const partners = Array.from({ length: model.rows.length - 1 }, (_, k) => partnersByCondition(model, k));
    return flowMatchingExamples(model, rng, (k) => {
      const i = rng.int(model.rows[k].n);
      const candidates = partners[k](i);
      return [i, candidates[rng.int(candidates.length)]];
    });
  },
  at: flowAt,
};

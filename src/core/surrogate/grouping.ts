import type { AnchorSet } from '../data/types';

export interface ScoreGroups {
  /** Condition key (or 'all') and the rows scored together. */
  groups: [string, number[]][];
  /** True when scored per condition value. */
  perKey: boolean;
  /** How rows were grouped, for the output. */
  description: string;
}

/**
 * How the rows of one λ are scored: per class; per continuous condition value
 * only where every value repeats (a stochastic network's samples per input,
 * e.g. policy states); else all rows together. `groups` are the rows per
 * condition key (groupRows of conditionKeys).
 */
export function scoreGroups(set: AnchorSet, groups: Map<string, number[]>, n: number): ScoreGroups {
  const kind = set.condition.kind;
  const perKey = kind === 'class' || (kind === 'continuous' && [...groups.values()].every((g) => g.length > 1));
  if (!perKey) return allTogether(n);
  return { groups: [...groups], perKey, description: kind === 'class' ? 'per class, averaged' : 'per condition value, averaged' };
}

export function allTogether(n: number): ScoreGroups {
  return { groups: [['all', [...Array(n).keys()]]], perKey: false, description: 'all rows together' };
}

import type { Anchor, AnchorSet } from './types';

/**
 * The condition of each row as a string key: its class label, its exact
 * continuous condition vector, or '' without a condition. Rows with equal
 * keys at two anchors come from the same network input, so baselines and
 * evaluation pair and group by these keys.
 */
export function conditionKeys(set: AnchorSet, a: Anchor): string[] {
  const cond = set.condition;
  if (cond.kind === 'class') return Array.from(a.label!, (l) => `class ${cond.values[l]}`);
  if (cond.kind === 'continuous') {
    const C = cond.dim;
    return Array.from({ length: a.n }, (_, i) => Array.from(a.c!.subarray(i * C, (i + 1) * C)).join(','));
  }
  return Array.from({ length: a.n }, () => '');
}

/** Row indices per key, in row order. */
export function groupRows(keys: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  });
  return groups;
}

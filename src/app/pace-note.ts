import type { SamplerSnapshot } from '../core/clot/snapshot';
import type { Condition } from '../core/data/types';

/**
 * Which rows of a snapshot keep a pace of their own across anchors (SamplerSnapshot.groupPaces), in
 * words for a caption; null where every row shares one pace. Classes are named (at most four); a
 * continuous condition's values are counted.
 */
export function paceNote(snap: SamplerSnapshot, labels: Int32Array | null, condition: Condition): string | null {
  const rows = snap.groupPaces?.row;
  if (!rows) return null;
  const rest = rows.some((g) => g < 0) ? '; the others share one' : '';
  if (condition.kind === 'class' && labels) {
    const own = new Set<number>();
    rows.forEach((g, i) => g >= 0 && own.add(labels[i]));
    if (own.size === 0) return null;
    const names = [...own].sort((a, b) => a - b).map((k) => `class ${condition.values[k]}`);
    const listed = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(names.length === 2 ? ' and ' : ', ');
    return `${own.size === 1 ? `${listed} keeps its` : `${listed} keep their`} own pace across anchors${rest}.`;
  }
  const groups = snap.groupPaces!.lengths.length;
  return `${groups} condition ${groups === 1 ? 'value keeps its' : 'values keep their'} own pace across anchors${rest}.`;
}

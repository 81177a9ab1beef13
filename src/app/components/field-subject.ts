import type { AnchorSet } from '../../core/data/types';
import { formatValue } from './format';

/**
 * Whom a metric or potential field is drawn for, in words: "class 2" (the class as written in
 * the data), "the first sample's condition" for continuous conditions (the worker evaluates the
 * field at the first anchor's row `classIndex`), each input along the horizontal axis for one
 * output dim, or '' when the data have no condition.
 */
export function fieldSubject(data: AnchorSet, classIndex: number): string {
  const cond = data.condition;
  if (cond.kind === 'class') return `class ${cond.values[Math.max(0, classIndex)]}`;
  if (cond.kind === 'continuous') {
    const row = Math.max(0, classIndex);
    // One output dim: the view runs the first input across its horizontal axis (frame.ts acrossOf).
    if (data.dimY === 1) return `each input c0 (the horizontal axis${cond.dim > 1 ? `; the other inputs as ${row === 0 ? "the first sample's" : `sample ${row + 1}'s`}` : ''})`;
    const who = row === 0 ? "the first sample's condition" : `the condition of sample ${row + 1}`;
    return `${who}${conditionValues(data, row)}`;
  }
  return '';
}

/** " (c0 = 0.25, c1 = 1)" for up to three condition dims of the first anchor's row; the count beyond. */
function conditionValues(data: AnchorSet, row: number): string {
  const C = data.condition.kind === 'continuous' ? data.condition.dim : 0;
  const c = data.anchors[0].c;
  if (!c || C === 0 || c.length < (row + 1) * C) return '';
  if (C > 3) return ` (${C} condition dims)`;
  return ` (${Array.from(c.subarray(row * C, (row + 1) * C), (v, d) => `c${d} = ${formatValue(v)}`).join(', ')})`;
}

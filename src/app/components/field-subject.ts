import type { AnchorSet } from '../../core/data/types';

/**
 * Whom a metric or potential field is drawn for, in words: "class 2" (the class as written in
 * the data), "the first sample's condition" for continuous conditions (the worker evaluates the
 * field at the first anchor's row `classIndex`), or '' when the data have no condition.
 */
export function fieldSubject(data: AnchorSet, classIndex: number): string {
  const cond = data.condition;
  if (cond.kind === 'class') return `class ${cond.values[Math.max(0, classIndex)]}`;
  if (cond.kind === 'continuous') return classIndex <= 0 ? "the first sample's condition" : `the condition of sample ${classIndex + 1}`;
  return '';
}

import type { ClassLabel } from './types';

/** Cells that spreadsheets and pandas write for a missing value: not a class name. */
const MISSING = new Set(['nan', 'na', 'n/a', 'null', 'none', 'undefined']);

/**
 * A class label cell read as written: an integer (3, "3", "3.0") or a name ("cat", "low dose").
 * Returns a reason string instead where the cell cannot be a class: empty, a missing-value marker,
 * or a number that is not an integer (a continuous condition belongs in c0…).
 */
export function readClassLabel(raw: unknown): ClassLabel | { reason: string } {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : { reason: `class label ${raw} is not an integer (a continuous condition goes in c0, c1, …)` };
  if (typeof raw !== 'string') return { reason: `class label ${JSON.stringify(raw)} is neither an integer nor a name` };
  const text = raw.trim();
  if (text === '') return { reason: 'empty class label' };
  if (MISSING.has(text.toLowerCase())) return { reason: `missing class label ("${text}")` };
  const v = Number(text);
  if (Number.isFinite(v)) return Number.isInteger(v) ? v : { reason: `class label "${text}" is not an integer (a continuous condition goes in c0, c1, …)` };
  return text;
}

/**
 * The distinct classes of a file in their display order: integers ascending; where any label is a
 * name, every label is read as text (so "2" and "dog" are two names) and sorted naturally
 * ("class 2" before "class 10").
 */
export function orderClassLabels(labels: Iterable<ClassLabel>): { values: ClassLabel[]; indexOf: (label: ClassLabel) => number } {
  const distinct = [...new Set(labels)];
  const named = distinct.some((v) => typeof v === 'string');
  const values: ClassLabel[] = named
    ? [...new Set(distinct.map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    : (distinct as number[]).sort((a, b) => a - b);
  const index = new Map<string, number>(values.map((v, i) => [String(v), i]));
  return { values, indexOf: (label) => index.get(String(label)) ?? -1 };
}

/** Whether two labels name the same class (a model trained on names and a file of integers may share "3"). */
export const sameClass = (a: ClassLabel, b: ClassLabel): boolean => String(a) === String(b);

import { type DemoRange, demoListProblem } from '../core/demo/list-rules';

/** A number as people type one: decimal digits, an optional sign, point and exponent (Number() also reads "0x10" as 16). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The anchor λ typed as a comma list ("0.05, 0.25, 0.5"), or why they are not a list of
 * anchors: every entry a decimal number, at least two, and where the task is given, each in its
 * range and none twice (demoListProblem, the rule the networks' training checks again). Uneven
 * spacing is fine.
 */
export function parseAnchorList(text: string, task?: DemoRange): { lambdas: number[] } | { error: string } {
  const parts = text.split(',').map((s) => s.trim());
  // A trailing comma is fine; an empty entry between two others is most likely a number left out.
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 1 && parts.includes('')) return { error: 'an entry between two commas is empty: type a number there or remove the extra comma' };
  if (parts.length === 1 && parts[0] === '') parts.pop();
  const bad = parts.find((p) => !DECIMAL.test(p) || !Number.isFinite(Number(p)));
  if (bad !== undefined) return { error: `"${bad}" is not a number` };
  if (parts.length < 2) return { error: 'list at least two anchors, separated by commas' };
  const lambdas = parts.map(Number);
  const problem = task && demoListProblem(task, lambdas);
  return problem ? { error: problem } : { lambdas };
}

/**
 * The anchor λ typed as a comma list ("0.05, 0.25, 0.5"), or why they are not a list of
 * anchors: every entry a number, at least two. Uneven spacing is fine; the task's range and
 * repeated values are checked where the networks are trained (core/demo/generate.ts), so the
 * message is the CLI's.
 */
export function parseAnchorList(text: string): { lambdas: number[] } | { error: string } {
  const parts = text.split(',').map((s) => s.trim());
  // A trailing comma is fine; an empty entry between two others is most likely a number left out.
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 1 && parts.includes('')) return { error: 'an entry between two commas is empty: type a number there or remove the extra comma' };
  if (parts.length === 1 && parts[0] === '') parts.pop();
  const bad = parts.find((p) => !Number.isFinite(Number(p)));
  if (bad !== undefined) return { error: `"${bad}" is not a number` };
  if (parts.length < 2) return { error: 'list at least two anchors, separated by commas' };
  return { lambdas: parts.map(Number) };
}

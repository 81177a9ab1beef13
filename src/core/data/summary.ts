import type { AnchorSet } from './types';

/** "100" when all equal, else "80–120". */
function span(counts: number[]): string {
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/**
 * How many samples each anchor holds, and per class when the condition is a class, in one line
 * for people: "λ = 0: 400, λ = 0.5: 400, λ = 1: 380; per class 95–100 (class 2 has 80 at λ = 1)".
 * The smallest class at an anchor is named when classes are uneven, since it limits that class's fit.
 */
export function sampleCounts(data: AnchorSet): string {
  const perAnchor = data.anchors.map((a) => `λ = ${+a.lambda.toPrecision(4)}: ${a.n}`).join(', ');
  const cond = data.condition;
  if (cond.kind !== 'class') return perAnchor;
  const K = cond.values.length;
  const counts = data.anchors.map((a) => {
    const c = new Array<number>(K).fill(0);
    for (const l of a.label ?? []) c[l]++;
    return c;
  });
  const all = counts.flat();
  let text = `${perAnchor}; per class ${span(all)}`;
  if (Math.min(...all) !== Math.max(...all)) {
    const min = Math.min(...all);
    const k = counts.findIndex((c) => c.includes(min));
    const cls = counts[k].indexOf(min);
    text += ` (class ${cond.values[cls]} has ${min} at λ = ${+data.anchors[k].lambda.toPrecision(4)})`;
  }
  return text;
}

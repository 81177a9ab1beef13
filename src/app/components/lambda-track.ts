/**
 * Where λ sits along the slider's track, and which anchor labels fit on it. Pure, so it is tested
 * in Node (tests/lambda-track.test.ts).
 */

/** A map between λ and the fraction u ∈ [0, 1] along the track. */
export interface TrackScale {
  kind: 'linear' | 'log';
  toFrac(v: number): number;
  fromFrac(u: number): number;
}

/** How evenly spaced the points are: the smallest gap over the largest (1 = even, near 0 = bunched). */
function evenness(xs: number[]): number {
  const gaps = xs.slice(1).map((x, i) => x - xs[i]);
  const hi = Math.max(...gaps);
  return hi > 0 ? Math.min(...gaps) / hi : 1;
}

/**
 * A log track where the anchors are all positive, span a factor of 20 or more, and are more evenly
 * spaced in log λ than in λ (a weight decay at 0.001, 0.01, 0.1: on a linear track the first
 * interval is 1 % of it, and its labels sit on each other); else a linear track.
 */
export function trackScale(anchors: readonly number[]): TrackScale {
  const xs = [...anchors].sort((a, b) => a - b);
  const min = xs[0];
  const max = xs[xs.length - 1];
  if (xs.length >= 2 && min > 0 && max / min >= 20 && evenness(xs.map(Math.log)) > evenness(xs)) {
    const [l0, l1] = [Math.log(min), Math.log(max)];
    return {
      kind: 'log',
      toFrac: (v) => (Math.log(Math.min(max, Math.max(min, v))) - l0) / (l1 - l0),
      // Exactly the ends at u = 0 and 1 (exp(log x) can be off in the last digit).
      fromFrac: (u) => (u <= 0 ? min : u >= 1 ? max : Math.exp(l0 + u * (l1 - l0))),
    };
  }
  const span = max - min || 1;
  return {
    kind: 'linear',
    toFrac: (v) => (v - min) / span,
    fromFrac: (u) => (u <= 0 ? min : u >= 1 ? max : min + u * span),
  };
}

/**
 * Which anchor labels to draw on a track `width` px wide, each `labelWidth(i)` px wide and centred
 * on its anchor's fraction `fracs[i]` (ascending): the first and last always, then the others left
 * to right where they keep `gap` px clear of every label kept. A label left out still has its tick,
 * and Page Up/Down still stops at its anchor; `hiddenNear[i]` lists, for a kept label, the anchors
 * left out beside it (its title names them).
 */
export function placeLabels(fracs: readonly number[], width: number, labelWidth: (i: number) => number, gap = 4): { shown: boolean[]; hiddenNear: number[][] } {
  const n = fracs.length;
  const shown = fracs.map(() => false);
  const hiddenNear: number[][] = fracs.map(() => []);
  if (n === 0) return { shown, hiddenNear };
  const span = (i: number): [number, number] => [fracs[i] * width - labelWidth(i) / 2, fracs[i] * width + labelWidth(i) / 2];
  const clear = (i: number, j: number) => {
    const [a0, a1] = span(i);
    const [b0, b1] = span(j);
    return a1 + gap <= b0 || b1 + gap <= a0;
  };
  const kept: number[] = [];
  const order = n > 1 ? [0, n - 1, ...Array.from({ length: n - 2 }, (_, i) => i + 1)] : [0];
  for (const i of order) {
    if (kept.every((j) => clear(i, j))) {
      kept.push(i);
      shown[i] = true;
    }
  }
  // Each left-out anchor is named by the nearest kept label.
  for (let i = 0; i < n; i++) {
    if (shown[i]) continue;
    let best = kept[0];
    for (const j of kept) if (Math.abs(fracs[j] - fracs[i]) < Math.abs(fracs[best] - fracs[i])) best = j;
    hiddenNear[best].push(i);
  }
  return { shown, hiddenNear };
}

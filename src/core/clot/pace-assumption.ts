import type { Timing } from '../config';

/**
 * Between two anchors and no more, nothing in the data says how fast the outputs change with λ:
 * the calibrated pace (pace.ts) reads speed-ups from how far mass moves in neighbouring intervals,
 * and there are none, so each sample sits at the plain λ fraction of the way along its path. That
 * is an assumption, and it can be far off: on the ETT quantile forecaster (anchors τ = 0.01 and
 * 0.99) the true forecasts sit 0.09–0.41 of the way at τ = 0.1–0.9, and a steady pace scores worse
 * than not moving at all (BENCHMARKS.md). The app and the CLI say so instead of implying it.
 * 'uniform' timing is left out: there a sample sits at its path's own parameter, which training
 * shapes, so "a steady pace in λ" would not describe it (though it is no better measured).
 */
export function paceIsAssumed(lambdas: readonly number[], timing: Timing): boolean {
  return lambdas.length === 2 && timing !== 'uniform';
}

/** For the training log: that the pace between the two anchors is assumed, and what would test it. */
export const ASSUMED_PACE_LINE =
  'pace: two anchors only, so nothing in the data says how fast the outputs change between them; samples move at a steady pace in λ (an anchor in between would let the pace be measured)';

/** What the sentence describes, with its verb. */
const ASSUMES = { picture: 'this picture assumes', samples: 'these samples assume' } as const;

/**
 * For samples at λ strictly between the two anchors: the assumption, with how far along λ puts
 * each sample ("30 % of the way from λ = 0 to 1"), `write` formatting λ values; null elsewhere.
 * `shown` says what it describes: the app's picture, or the CLI's samples.
 */
export function assumedPaceText(
  lambdas: readonly number[],
  timing: Timing,
  lambda: number,
  write: (v: number) => string,
  shown: keyof typeof ASSUMES = 'picture',
): string | null {
  if (!paceIsAssumed(lambdas, timing)) return null;
  const [lo, hi] = lambdas;
  if (!(lambda > lo && lambda < hi)) return null;
  const percent = percentOfTheWay((lambda - lo) / (hi - lo));
  return `Two anchors only: nothing in the data says how fast the outputs change between them, so ${ASSUMES[shown]} a steady pace in λ (${percent} % of the way from λ = ${write(lo)} to ${write(hi)}). An anchor in between would test it.`;
}

/** A fraction strictly inside (0, 1) as a percentage that never reads 0 or 100: two significant digits, one decimal above 99. */
function percentOfTheWay(f: number): number {
  const x = 100 * f;
  return x >= 99 ? Math.min(99.9, Math.floor(x * 10) / 10) : Number(x.toPrecision(x < 1 ? 1 : 2));
}

import { format, precisionFixed } from 'd3-format';

/**
 * Numbers in plot labels and captions, for people: λ = 0.92, not 0.9222258333333332.
 * d3-format writes negatives with a true minus sign (−0.5).
 */

/** λ to the slider's resolution (1 % of the anchor range), trailing zeros dropped. */
export function lambdaFormat(range: number): (v: number) => string {
  return format(`.${precisionFixed(Math.abs(range || 1) / 100)}~f`);
}

/** A measured value (a loss, W2, the potential U) to four significant digits. */
export const formatValue = format('.4~g');

/** A step count: 1,200. */
export const formatSteps = format(',d');

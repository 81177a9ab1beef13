import { format, precisionFixed } from 'd3-format';
import { trackScale } from './lambda-track';

/**
 * Numbers in plot labels and captions, for people: λ = 0.92, not 0.9222258333333332.
 * d3-format writes negatives with a true minus sign (−0.5).
 */

/**
 * λ to the slider's resolution (1 % of the anchor range), trailing zeros dropped; an anchor's own
 * value (when `anchors` are given) to four significant digits, so λ = 0.001 in a range of 10 is not
 * shown as 0. The slider's readout, the outputs' titles and the pin button all write λ this way.
 */
export function lambdaFormat(range: number, anchors: readonly number[] = []): (v: number) => string {
  // On a log track (log-spaced anchors, lambda-track.ts) 1 % of the track is a ratio, not a step: three significant digits.
  const coarse = anchors.length > 1 && trackScale(anchors).kind === 'log' ? format('.3~r') : format(`.${precisionFixed(Math.abs(range || 1) / 100)}~f`);
  const eps = Math.abs(range || 1) * 1e-9;
  return (v) => (anchors.some((a) => Math.abs(a - v) <= eps) ? anchorValue(v) : coarse(v));
}

/** An anchor's λ as the slider's labels, the data summary and the readout write it: four significant digits, a true minus sign. */
export const anchorValue = (v: number): string => signed(String(Number(v.toPrecision(4))));

/** A number written with a true minus sign (U+2212), as d3-format writes it. */
export const signed = (s: string) => s.replace(/^-/, '−');

/** A measured value (a loss, W2, the potential U) to four significant digits. */
export const formatValue = format('.4~g');

/** A step count: 1,200. */
export const formatSteps = format(',d');

/** A ratio to two significant digits (0.0052, 0.015, 1.3), whole from 10: two decimals wrote 0.0021 and 0.0060 both as 0.01. */
export function ratioText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(2)));
}

/** A clause from core (lower-case, no full stop) as a sentence for a caption or note. */
export function asSentence(clause: string): string {
  return `${clause[0].toUpperCase()}${clause.slice(1)}.`;
}

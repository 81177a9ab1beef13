import { outputColumnSums } from '../sampling/normalize';
import type { AnchorSet } from './types';

/** Anchors closer than this share of the λ range look like one setting written two ways (float round-off). */
const NEAR_DUPLICATE = 1e-6;

/** Columns whose spreads differ by more than this factor are likely in different units. */
const SCALE_RATIO = 1000;

/** An anchor with fewer rows than this, and a tenth of the largest anchor's or fewer, is all but a point. */
const FEW_ROWS = 10;

/**
 * What in valid data is likely a mistake, each as one sentence (empty where nothing is): anchors a
 * hair apart, an anchor of a handful of rows beside large ones, output columns on scales orders of
 * magnitude apart (all outputs share one scale, so the widest columns decide which samples pair).
 * The data still trains; `hti train` prints these and the explorer shows them under the data.
 */
export function dataWarnings(data: AnchorSet): string[] {
  const out: string[] = [];
  const lambdas = data.anchors.map((a) => a.lambda);
  const range = lambdas[lambdas.length - 1] - lambdas[0];
  for (let k = 1; k < lambdas.length; k++) {
    const gap = lambdas[k] - lambdas[k - 1];
    if (gap < NEAR_DUPLICATE * range) {
      out.push(`anchors λ = ${lambdas[k - 1]} and ${lambdas[k]} are ${gap.toPrecision(2)} apart, ${(gap / range).toPrecision(2)} of the range: if they are one setting, write λ the same way in both`);
    }
  }
  const largest = Math.max(...data.anchors.map((a) => a.n));
  // One row per input is a design (each input its own condition); a handful of rows beside hundreds is not.
  const perInput = data.condition.kind === 'continuous';
  for (const a of data.anchors) {
    if (!perInput && a.n < FEW_ROWS && a.n * 10 <= largest) {
      out.push(`the anchor at λ = ${a.lambda} has ${a.n} row${a.n === 1 ? '' : 's'} (the largest has ${largest}): near it every sample sits on ${a.n === 1 ? 'that row' : 'those rows'}`);
    }
  }
  const spreads = columnSpreads(data).map((s, d) => ({ column: `y${d}`, s })).filter((c) => c.s > 0);
  if (spreads.length >= 2) {
    const wide = spreads.reduce((a, b) => (b.s > a.s ? b : a));
    const narrow = spreads.reduce((a, b) => (b.s < a.s ? b : a));
    if (wide.s > SCALE_RATIO * narrow.s) {
      out.push(
        `${narrow.column} spreads ${(narrow.s / wide.s).toPrecision(1)} times as far as ${wide.column}: all outputs share one scale, so the widest columns decide which samples pair and ${narrow.column}'s own moves count for little; if the columns are in different units, rescale them`,
      );
    }
  }
  return out;
}

/** Each output column's standard deviation over every anchor's rows. */
function columnSpreads(data: AnchorSet): number[] {
  const { sq, n } = outputColumnSums(data);
  return Array.from(sq, (s) => Math.sqrt(s / n));
}

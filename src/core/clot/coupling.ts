import { coupleAnchors } from '../baselines/coupling';
import type { Rng } from '../random';
import type { ClotModel } from './model';

/**
 * The coupled solver's pairs: for each interval k, the partner at anchor k+1
 * of every row of anchor k, from the exact optimal coupling per condition
 * (squared Euclidean cost in standardised units).
 */
export function coupleConsecutive(model: ClotModel, rng: Rng): Int32Array[] {
  return Array.from({ length: model.intervals }, (_, k) => coupleAnchors(model.data, model.rows, k, model.D, rng));
}

/**
 * chain[k][i]: the row of anchor k reached from row i of the first anchor by
 * following the coupling interval by interval.
 */
export function composeCoupling(coupling: Int32Array[], n0: number): Int32Array[] {
  const chain = [Int32Array.from({ length: n0 }, (_, i) => i)];
  for (const next of coupling) chain.push(Int32Array.from(chain[chain.length - 1], (r) => next[r]));
  return chain;
}

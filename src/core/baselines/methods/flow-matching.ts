import type { Rng } from '../../random';
import type { BaselineModel } from '../model';
import type { ExampleWriter, SamplerTools, Position } from './strategy';

/** How a flow-matching baseline draws a training pair of interval k: row i of anchor k and row j of anchor k+1. */
export type PairPicker = (k: number) => [i: number, j: number];

/**
 * Conditional flow-matching examples: an interval, a pair, a time u; x is the
 * point a fraction u along the straight line and the target its velocity.
 */
export function flowMatchingExamples(model: BaselineModel, rng: Rng, pair: PairPicker): ExampleWriter {
  const { D, rows, taus } = model;
  const K = rows.length - 1;
  return (x, target, at) => {
    const k = rng.int(K);
    const [i, j] = pair(k);
    const u = rng.next();
    const w = taus[k + 1] - taus[k];
    for (let d = 0; d < D; d++) {
      const a = rows[k].y[i * D + d];
      const e = rows[k + 1].y[j * D + d];
      x[at * D + d] = (1 - u) * a + u * e;
      target[at * D + d] = (e - a) / w;
    }
    return { rows: rows[k], row: i, tau: taus[k] + u * w };
  };
}

/** The learnt velocity integrated by the midpoint rule to τ. */
export async function flowAt(tools: SamplerTools, { k, tau }: Position) {
  return { y: await tools.flow(k, tau), units: 'standardised' as const };
}

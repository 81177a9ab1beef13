import type { Rng } from '../../random';
import type { BaselineModel } from '../model';
import type { ExampleWriter, SamplerTools, Position } from './strategy';

/** How a flow-matching baseline pairs row i of anchor k with a row of anchor k+1. */
export type PartnerPicker = (k: number, i: number) => number;

/**
 * Conditional flow-matching examples: an interval, a row, its partner, a time u; x is the
 * point a fraction u along the straight line and the target its velocity.
 */
export function flowMatchingExamples(model: BaselineModel, rng: Rng, partner: PartnerPicker): ExampleWriter {
  const { D, rows, taus } = model;
  const K = rows.length - 1;
  return (x, target, at) => {
    const k = rng.int(K);
    const i = rng.int(rows[k].n);
    const j = partner(k, i);
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

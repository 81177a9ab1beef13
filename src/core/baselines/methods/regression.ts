import type { BaselineStrategy } from './strategy';

/**
 * A network (y_start, τ | x) → y − y_start fitted on every anchor, its targets paired to the
 * first anchor's rows by the coupling chain.
 */
export const regression: BaselineStrategy = {
  method: 'regression',
  coupling: 'chain',
  examples(model, rng) {
    const { D, rows, taus, chain } = model;
    return (x, target, at) => {
      const i = rng.int(rows[0].n);
      const k = rng.int(rows.length);
      const p = chain[k][i];
      for (let d = 0; d < D; d++) {
        x[at * D + d] = rows[0].y[i * D + d];
        target[at * D + d] = rows[k].y[p * D + d] - rows[0].y[i * D + d];
      }
      return { rows: rows[0], row: i, tau: taus[k] };
    };
  },
  at: async (tools, { tau }) => ({ y: await tools.regress(tau), units: 'standardised' }),
};

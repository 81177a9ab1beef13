import type { BaselineStrategy } from './strategy';

/** The outputs of the nearest anchor in λ (each start row's coupled partner there). */
export const nearest: BaselineStrategy = {
  method: 'nearest',
  coupling: 'chain',
  at: async (tools, { k, s }) => ({ y: tools.coupledAt(s < 0.5 ? k : k + 1), units: 'standardised' }),
};

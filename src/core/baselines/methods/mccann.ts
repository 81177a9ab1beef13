import type { BaselineStrategy } from './strategy';

/** McCann's displacement interpolation: straight lines between partners of the exact optimal coupling, per condition. */
export const mccann: BaselineStrategy = {
  method: 'mccann',
  coupling: 'chain',
  at: async (tools, { k, s }) => {
    const a = tools.coupledAt(k);
    const b = tools.coupledAt(k + 1);
    return { y: a.map((v, i) => (1 - s) * v + s * b[i]), units: 'standardised' };
  },
};

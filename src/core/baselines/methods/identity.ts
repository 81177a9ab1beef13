import type { BaselineStrategy } from './strategy';

/** Not moving: the start rows' own outputs at every λ (the reference a surrogate must beat). */
export const identity: BaselineStrategy = {
  method: 'identity',
  coupling: 'none',
  at: async (tools) => ({ y: tools.startY.slice(), units: 'data' }),
};

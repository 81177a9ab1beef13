import { describe, expect, it } from 'vitest';
import { LossHistory } from '../src/app/store/loss-history';

describe('the loss history', () => {
  it('appends in place past its initial capacity and reads back every step exactly', () => {
    const h = new LossHistory();
    for (let i = 1; i <= 1000; i++) h.push({ step: i, dual: i / 10, residual: 1 / i, energy: -i });
    expect(h.length).toBe(1000);
    expect(h.series('dual').length).toBe(1000);
    expect(h.series('dual')[999]).toBeCloseTo(100, 12);
    expect(h.at(0)).toEqual({ step: 1, dual: 0.1, residual: 1, energy: -1 });
    expect(h.at(511)).toEqual({ step: 512, dual: 51.2, residual: 1 / 512, energy: -512 });
    expect(Array.from(h.series('energy').subarray(0, 3))).toEqual([-1, -2, -3]);
  });
});

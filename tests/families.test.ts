import { describe, expect, it } from 'vitest';
import { expandingBlob, splittingBlob } from '../src/core/datasets/families';
import { spread } from '../src/core/metrics/spread';

const mean = (y: Float32Array, d: number) => y.filter((_, i) => i % 2 === d).reduce((t, v) => t + v, 0) / (y.length / 2);

describe('benchmark families with known truth', () => {
  it('the expanding blob is centred at (2λ, λ²) with σ = 0.2 + 0.4λ per axis', () => {
    const set = expandingBlob([0, 1, 1.5], 4000, 3);
    for (const a of set.anchors) {
      const l = a.lambda;
      expect(mean(a.y, 0)).toBeCloseTo(2 * l, 1);
      expect(mean(a.y, 1)).toBeCloseTo(l * l, 1);
      // Root of the covariance trace of an isotropic 2-D Gaussian: σ√2, within 3 % at 4,000 rows.
      expect(spread(a.y, 2) / ((0.2 + 0.4 * l) * Math.SQRT2)).toBeGreaterThan(0.97);
      expect(spread(a.y, 2) / ((0.2 + 0.4 * l) * Math.SQRT2)).toBeLessThan(1.03);
    }
  });

  it('the splitting blob puts half its rows at (+1.5λ, 0) and half at (−1.5λ, 0)', () => {
    const [a] = splittingBlob([2], 4000, 5).anchors;
    const right = a.y.filter((_, i) => i % 2 === 0 && a.y[i] > 0);
    expect(right.length / a.n).toBeCloseTo(0.5, 2);
    expect(right.reduce((t, v) => t + v, 0) / right.length).toBeCloseTo(3, 1);
    expect(Math.abs(mean(a.y, 0))).toBeLessThan(0.05);
    expect(Math.abs(mean(a.y, 1))).toBeLessThan(0.05);
  });
});

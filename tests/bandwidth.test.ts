import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { resolveConfig } from '../src/core/config';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { BANDWIDTH_FLOOR, BANDWIDTH_PER_SPREAD, MIN_SPREAD_ROWS, resolveBandwidth, typicalGroupSpread } from '../src/core/geometry/bandwidth';
import { SETTINGS_SCHEMA } from '../src/app/settings/schema';

/** n rows of one class split evenly between (±r, 0): spread r·√(n/(n−1)) (n − 1 in the covariance). */
function ring(r: number, n: number, label: number): { y: number[]; label: number[] } {
  return { y: Array.from({ length: n }, (_, i) => [i % 2 ? r : -r, 0]).flat(), label: Array(n).fill(label) };
}

function anchor(lambda: number, parts: { y: number[]; label: number[] }[]): Anchor {
  const y = parts.flatMap((p) => p.y);
  return { lambda, n: y.length / 2, y: Float32Array.from(y), label: Int32Array.from(parts.flatMap((p) => p.label)) };
}

const spreadOf = (r: number, n: number) => r * Math.sqrt(n / (n - 1));

describe('the potential bandwidth rule (auto)', () => {
  it('takes the median spread over anchors and classes, leaving out groups too small to measure', () => {
    const n = 20;
    const data: AnchorSet = {
      source: 'rings',
      dimY: 2,
      condition: { kind: 'class', values: [0, 1] },
      // Spreads 1, 2 (anchor 0) and 3, 5 (anchor 1); anchor 2's class of 4 rows (spread 100) does not count.
      anchors: [anchor(0, [ring(1, n, 0), ring(2, n, 1)]), anchor(1, [ring(3, n, 0), ring(5, n, 1)]), anchor(2, [ring(100, 4, 0)])],
    };
    expect(4).toBeLessThan(MIN_SPREAD_ROWS);
    // Median of four is the mean of the middle two: (2 + 3) / 2, in the units the rows are given in.
    expect(typicalGroupSpread(data, data.anchors)).toBeCloseTo((spreadOf(2, n) + spreadOf(3, n)) / 2, 5);
    expect(resolveBandwidth('auto', data, data.anchors)).toBeCloseTo((BANDWIDTH_PER_SPREAD * (spreadOf(2, n) + spreadOf(3, n))) / 2, 5);
  });

  it('never goes below the floor, which is also what data without a measurable spread gets', () => {
    const tight: AnchorSet = { source: 'tight', dimY: 2, condition: { kind: 'class', values: [0] }, anchors: [anchor(0, [ring(0.1, 30, 0)]), anchor(1, [ring(0.1, 30, 0)])] };
    expect(resolveBandwidth('auto', tight, tight.anchors)).toBe(BANDWIDTH_FLOOR);
    // One output per input (a continuous condition that never repeats): no group to measure.
    const perInput: AnchorSet = {
      source: 'forecast',
      dimY: 1,
      condition: { kind: 'continuous', dim: 1 },
      anchors: [0, 1].map((lambda) => ({ lambda, n: 50, y: Float32Array.from({ length: 50 }, (_, i) => i), c: Float32Array.from({ length: 50 }, (_, i) => i) })),
    };
    expect(typicalGroupSpread(perInput, perInput.anchors)).toBeNull();
    expect(resolveBandwidth('auto', perInput, perInput.anchors)).toBe(BANDWIDTH_FLOOR);
    // A number is used as given, narrower than the floor included.
    expect(resolveBandwidth(0.01, perInput, perInput.anchors)).toBe(0.01);
  });

  it('is what a model resolves, in its standardised units, and the default setting', () => {
    expect(resolveConfig().bandwidth).toBe('auto');
    expect(() => resolveConfig({ bandwidth: 'wide' as never })).toThrow(/bandwidth.*auto/);
    // Data of no condition, one group per anchor: 60 rows in a wide ring at each of two anchors.
    const wide: AnchorSet = { source: 'wide', dimY: 2, condition: { kind: 'none' }, anchors: [0, 1].map((l) => ({ ...anchor(l, [ring(1, 60, 0)]), label: undefined })) };
    const model = new ClotModel(wide, { variant: 'euclidean+potential' });
    const s = typicalGroupSpread(wide, model.rows)!;
    expect(model.bandwidth).toBeCloseTo(Math.max(BANDWIDTH_FLOOR, BANDWIDTH_PER_SPREAD * s), 6);
    expect(model.bandwidth).toBeGreaterThan(BANDWIDTH_FLOOR);
    const fixed = new ClotModel(wide, { variant: 'euclidean+potential', bandwidth: 0.05 });
    expect(fixed.bandwidth).toBe(0.05);
    model.dispose();
    fixed.dispose();
  });

  it("reads 'auto' from an empty box, the word or the URL", () => {
    const parse = SETTINGS_SCHEMA.bandwidth.parse;
    expect(parse('')).toBe('auto');
    expect(parse(' Auto ')).toBe('auto');
    expect(parse('0.05')).toBe(0.05);
    expect(parse('0')).toBeNull();
    expect(parse('wide')).toBeNull();
    expect(SETTINGS_SCHEMA.bandwidth.default).toBe('auto');
  });
});

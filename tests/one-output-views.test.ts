import { describe, expect, it } from 'vitest';
import { fieldSubject } from '../src/app/components/field-subject';
import { acrossOf, dataExtent, fieldRange, frameFor } from '../src/app/components/frame';
import { computeFields } from '../src/core/clot/fields';
import type { AnchorSet } from '../src/core/data/types';
import { Rng } from '../src/core/random';
import { createSurrogate, trainSurrogate } from '../src/core/surrogate/build';
import type { ClotSurrogate } from '../src/core/surrogate/clot';

/**
 * With one output dim the views plot it up the vertical axis against the row's first input
 * (continuous condition) or, without one, against a strip per class: never y0 against itself.
 */

/** D = 1 rows y = slope·c0 (+ noise), `per` rows per input, at λ = 0, 1, 2 (slope 1 + λ). */
function regression(per: number, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const inputs = Array.from({ length: 40 }, (_, i) => -1 + (2 * i) / 39);
  const anchors = [0, 1, 2].map((l) => {
    const n = inputs.length * per;
    const y = new Float32Array(n);
    const c = new Float32Array(n);
    inputs.forEach((x, g) => {
      for (let j = 0; j < per; j++) {
        c[g * per + j] = x;
        y[g * per + j] = (1 + l) * x + 0.05 * rng.normal();
      }
    });
    return { lambda: l, n, y, c };
  });
  return { source: 'regression', dimY: 1, condition: { kind: 'continuous', dim: 1 }, anchors };
}

function strip(classes: number): AnchorSet {
  const anchors = [0, 1].map((l) => {
    const n = 30;
    const y = Float32Array.from({ length: n }, (_, i) => l + i / n);
    const label = Int32Array.from({ length: n }, (_, i) => i % Math.max(1, classes));
    return { lambda: l, n, y, ...(classes > 1 ? { label } : {}) };
  });
  const condition = classes > 1 ? { kind: 'class' as const, values: Array.from({ length: classes }, (_, k) => `k${k}`) } : { kind: 'none' as const };
  return { source: 'strip', dimY: 1, condition, anchors } as AnchorSet;
}

describe('the frame of one-output data', () => {
  it('two or more outputs keep both axes on outputs, with equal units', () => {
    const data: AnchorSet = { source: 'two', dimY: 2, condition: { kind: 'none' }, anchors: [{ lambda: 0, n: 2, y: Float32Array.of(0, 0, 4, 1) }, { lambda: 1, n: 1, y: Float32Array.of(1, 2) }] };
    const f = frameFor(data, [0, 1]);
    expect(acrossOf(data)).toEqual({ kind: 'output' });
    expect([f.xTitle, f.yTitle]).toEqual(['y0', 'y1']);
    expect(f.spanX).toBe(f.spanY);
    expect(f.xOf(Float32Array.of(3, 7), 0)).toBe(3);
    expect(f.yOf(Float32Array.of(3, 7), 0)).toBe(7);
  });

  it('a continuous condition goes across: x is the row\'s first input, y its output', () => {
    const data = regression(1);
    const f = frameFor(data, [0, 0]);
    expect(acrossOf(data)).toEqual({ kind: 'input' });
    expect([f.xTitle, f.yTitle]).toEqual(['c0 (input)', 'y0']);
    const ext = dataExtent(data, [0, 0]);
    expect(ext.xl).toBeCloseTo(-1, 6);
    expect(ext.xh).toBeCloseTo(1, 6);
    // The outputs reach ±3 at λ = 2: the vertical axis spans them, not the inputs' ±1.
    expect(ext.yh).toBeGreaterThan(2.8);
    expect(f.spanY).toBeGreaterThan(2 * f.spanX);
    const a = data.anchors[2];
    expect(f.xOf(a.y, 39, a.c)).toBeCloseTo(1, 6);
    expect(f.yOf(a.y, 39)).toBeCloseTo(a.y[39], 6);
    // Inside the data area (with the padding) and in the right order.
    expect(f.px(-1)).toBeLessThan(f.px(1));
    expect(f.py(-3)).toBeGreaterThan(f.py(3));
    // The metric and potential captions say the field is drawn at each input, not at one sample's.
    expect(fieldSubject(data, 0)).toBe('each input c0 (the horizontal axis)');
  });

  it('without a continuous condition each class gets a strip column named by its label, rows spread inside it', () => {
    const data = strip(3);
    const f = frameFor(data, [0, 0]);
    expect(acrossOf(data)).toEqual({ kind: 'strip', columns: 3 });
    expect(f.xTicks!.values).toEqual([0.5, 1.5, 2.5]);
    expect(f.xTicks!.values.map(f.xTicks!.format)).toEqual(['k0', 'k1', 'k2']);
    const a = data.anchors[0];
    const xs = Array.from({ length: a.n }, (_, i) => f.xOf(a.y, i, null, a.label![i]));
    xs.forEach((x, i) => {
      expect(x).toBeGreaterThanOrEqual(a.label![i] + 0.15);
      expect(x).toBeLessThanOrEqual(a.label![i] + 0.85);
    });
    // Spread, not stacked on one line.
    expect(new Set(xs.map((x) => x.toFixed(3))).size).toBe(a.n);
    const none = frameFor(strip(1), [0, 0]);
    expect(none.xOf(a.y, 4)).toBeGreaterThanOrEqual(0.15);
    expect(none.xTitle).toMatch(/spread sideways/);
    expect(fieldRange(strip(1), [0, 0]).x).toEqual([0, 1]);
    // The fields of class k are drawn in its own column only.
    expect(fieldRange(data, [0, 0], 2).x).toEqual([2, 3]);
  });
});

describe('fields of one-output data', () => {
  it('the potential varies along the input axis and the metric acts up the output axis only', async () => {
    const data = regression(8, 1);
    const s = createSurrogate(data, 'full', { alpha: 0.1, learnMetric: 'always', iterations: 5, pathPretrainSteps: 10, seed: 1 }) as ClotSurrogate;
    try {
      await trainSurrogate(s);
      const range = fieldRange(data, [0, 0]);
      const nx = 5;
      const ny = 41;
      const grid = { ...range, nx, ny, dims: [0, 0] as [number, number], across: 'input' as const, classIndex: 0 };
      const { metric, potential } = await computeFields(s.model, grid);
      // Where the potential peaks (densest output) in the first and last column: near y = 3·c0 at λ = 2 … c0 at λ = 0,
      // so low for the most negative input and high for the most positive one.
      const peakY = (ix: number) => {
        let best = 0;
        for (let iy = 1; iy < ny; iy++) if (potential![ix * ny + iy] > potential![ix * ny + best]) best = iy;
        return range.y[0] + ((range.y[1] - range.y[0]) * best) / (ny - 1);
      };
      expect(peakY(0)).toBeLessThan(-0.8);
      expect(peakY(nx - 1)).toBeGreaterThan(0.8);
      expect(metric).not.toBeNull();
      for (let p = 0; p < nx * ny; p++) {
        expect([metric![4 * p], metric![4 * p + 1], metric![4 * p + 2]]).toEqual([0, 0, 0]);
        expect(metric![4 * p + 3]).toBeGreaterThan(0);
      }
    } finally {
      s.dispose();
    }
  });
});

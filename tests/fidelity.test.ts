import { describe, expect, it } from 'vitest';
import { BaselineModel } from '../src/core/baselines/model';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { PRESETS } from '../src/core/datasets/presets';
import { Rng } from '../src/core/random';
import { evaluateSurrogate } from '../src/core/surrogate/evaluate';
import { anchorFidelity } from '../src/core/surrogate/fidelity';
import type { PointSampler, SamplingSurrogate } from '../src/core/sampling/types';

/** Two classes of Gaussian clouds (σ = 0.25), `perClass` rows each, centred at (shift + 3·class, 0). */
function clouds(anchors: { lambda: number; perClass: number; shift: number }[], seed = 0): AnchorSet {
  const rng = new Rng(seed);
  return {
    source: 'clouds',
    dimY: 2,
    condition: { kind: 'class', values: [0, 1] },
    anchors: anchors.map(({ lambda, perClass, shift }) => {
      const label = Int32Array.from({ length: 2 * perClass }, (_, i) => (i < perClass ? 0 : 1));
      const y = Float32Array.from({ length: 4 * perClass }, (_, j) => (j % 2 === 0 ? shift + 3 * label[j >> 1] : 0) + 0.25 * rng.normal());
      return { lambda, n: 2 * perClass, y, label };
    }),
  };
}

/** A surrogate that puts every sample on the mean of its class at the nearest anchor: no spread at all. */
function collapsed(data: AnchorSet): SamplingSurrogate {
  const D = data.dimY;
  const sampler = (): PointSampler => ({
    n: data.anchors[0].n,
    async sample(lambda) {
      const a = data.anchors.reduce((b, x) => (Math.abs(x.lambda - lambda) < Math.abs(b.lambda - lambda) ? x : b));
      const label = data.anchors[0].label!;
      const mean = (k: number) => {
        const rows = Array.from({ length: a.n }, (_, i) => i).filter((i) => a.label![i] === k);
        return [0, 1].map((d) => rows.reduce((t, i) => t + a.y[i * D + d], 0) / rows.length);
      };
      const means = [mean(0), mean(1)];
      return { lambda, dimY: D, condition: data.condition, n: label.length, y: Float32Array.from(Array.from(label).flatMap((k) => means[k])), label };
    },
  });
  return { method: 'identity', data, lambdas: data.anchors.map((a) => a.lambda), sampler };
}

describe('anchor fidelity', () => {
  it('the nearest anchor reproduces its own anchors: W2 at float rounding, ratio 0 to within 1e-5, spread ratio 1', async () => {
    const data = PRESETS.semicircles.make(0);
    const m = new BaselineModel(data, { method: 'nearest' });
    const fid = await anchorFidelity(m);
    expect(fid.map((f) => f.lambda)).toEqual(data.anchors.map((a) => a.lambda));
    for (const f of fid) {
      expect(f.groups).toBe(4);
      expect(f.floor).toBeGreaterThan(0.05);
      expect(f.w2).toBeLessThan(1e-6);
      expect(f.ratio).toBeLessThan(1e-5);
      expect(f.spreadRatio).toBeCloseTo(1, 5);
    }
    m.dispose();
  });

  it('identity on data whose second anchor is shifted by 5 is exact at the first anchor and far off at the second', async () => {
    // Unequal sizes (40 and 30 per class): the surrogate's groups are resampled to the anchor's.
    const data = clouds([{ lambda: 0, perClass: 40, shift: 0 }, { lambda: 1, perClass: 30, shift: 5 }]);
    const fid = await anchorFidelity(new BaselineModel(data, { method: 'identity' }));
    expect(fid[0]).toMatchObject({ lambda: 0, w2: 0, ratio: 0, spreadRatio: 1, groups: 2 });
    expect(fid[1].w2).toBeGreaterThan(4.5);
    expect(fid[1].floor).toBeGreaterThan(0.05);
    expect(fid[1].floor).toBeLessThan(0.4);
    expect(fid[1].ratio).toBeGreaterThan(10);
  });

  it('a collapsed surrogate has a spread ratio of 0 and sits above the floor', async () => {
    const data = clouds([{ lambda: 0, perClass: 40, shift: 0 }, { lambda: 1, perClass: 40, shift: 1 }]);
    for (const f of await anchorFidelity(collapsed(data))) {
      expect(f.spreadRatio).toBeLessThan(1e-6);
      expect(f.ratio).toBeGreaterThan(1);
    }
  });

  it('with a zero floor (point masses) counts exact reproduction as 0 and anything else as Infinity', async () => {
    const mass = (lambda: number, x: number): Anchor => ({ lambda, n: 3, y: Float32Array.of(x, 1, x, 1, x, 1) });
    const data: AnchorSet = { source: 'masses', dimY: 2, condition: { kind: 'none' }, anchors: [mass(0, 100), mass(1, 105)] };
    const still = await anchorFidelity(new BaselineModel(data, { method: 'identity' }));
    expect(still.map((f) => [f.floor, f.ratio])).toEqual([[0, 0], [0, Infinity]]);
    expect(still[1].spreadRatio).toBeNaN();
    // Nearest goes through standardising and back (float32 rounding at values near 100): still exact.
    const nearest = await anchorFidelity(new BaselineModel(data, { method: 'nearest' }));
    expect(nearest.map((f) => f.ratio)).toEqual([0, 0]);
  });

  it('counts an anchor of zeros as exact when standardising and back leaves 1e-8 (the rounding follows the whole set’s scale)', async () => {
    // Mean 0.5, scale ≈ 0.41: 0 comes back as about 2e-8, far above 1e-6 of the anchor's own RMS (0).
    const mass = (lambda: number, x: number): Anchor => ({ lambda, n: 3, y: Float32Array.of(x, x, x) });
    const data: AnchorSet = { source: 'masses', dimY: 1, condition: { kind: 'none' }, anchors: [mass(0, 0), mass(0.5, 0.5), mass(1, 1)] };
    for (const method of ['nearest', 'mccann'] as const) {
      const fid = await anchorFidelity(new BaselineModel(data, { method }));
      expect(fid.map((f) => f.ratio)).toEqual([0, 0, 0]);
    }
  });
});

describe('held-out spread ratio in the evaluation', () => {
  it('is 1 for the nearest anchor at its own anchors and 0 for a collapsed surrogate', async () => {
    const data = clouds([{ lambda: 0, perClass: 40, shift: 0 }, { lambda: 1, perClass: 40, shift: 1 }]);
    const exact = await evaluateSurrogate(new BaselineModel(data, { method: 'nearest' }), data);
    for (const row of exact.rows) expect(row.spreadRatio).toBeCloseTo(1, 5);
    const flat = await evaluateSurrogate(collapsed(data), data);
    for (const row of flat.rows) expect(row.spreadRatio).toBeLessThan(1e-6);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BaselineModel } from '../src/core/baselines/model';
import { deserializeBaseline } from '../src/core/baselines/serialize';
import type { AnchorSet } from '../src/core/data/types';
import { PRESETS } from '../src/core/datasets/presets';
import { trainSurrogate } from '../src/core/surrogate/build';
import { loadSurrogate } from '../src/core/surrogate/registry';
import { evaluateSurrogate } from '../src/core/surrogate/evaluate';
import { holdOutSplits, interiorAnchors } from '../src/core/surrogate/holdout';
import { sampleTrack, type SampleTrack } from '../src/core/surrogate/track';
import { BASELINES } from '../src/core/sampling/types';

/** Point masses: one row per anchor (no condition). */
function masses(points: [number, number][][], lambdas: number[]): AnchorSet {
  return {
    source: 'toy',
    dimY: 2,
    condition: { kind: 'none' },
    anchors: points.map((pts, k) => ({ lambda: lambdas[k], n: pts.length, y: Float32Array.from(pts.flat()) })),
  };
}

/** Samples rounded to 1e-5 (standardising and back costs float32 rounding). */
const at = async (m: BaselineModel, lambda: number) => Array.from((await m.sampler().sample(lambda)).y, (v) => Math.round(v * 1e5) / 1e5 + 0);

describe('identity baseline', () => {
  it('returns the start rows at every λ, first-anchor rows and caller-given rows alike', async () => {
    const data = masses([[[0.1, 0.2], [3, -1]], [[5, 5], [6, 6]], [[9, 9], [8, 8]]], [0, 1, 2]);
    const m = new BaselineModel(data, { method: 'identity' });
    expect(m.net).toBeNull();
    expect(m.chain).toEqual([]);
    expect(m.plans).toEqual([]);
    const own = m.sampler();
    const given = m.sampler({ startRows: { n: 1, y: Float32Array.of(-7.25, 4.5) } });
    for (const l of [0, 0.3, 1, 1.7, 2]) {
      expect(Array.from((await own.sample(l)).y)).toEqual(Array.from(data.anchors[0].y));
      expect(Array.from((await given.sample(l)).y)).toEqual([-7.25, 4.5]);
    }
    expect(Array.from((await m.sampler({ startIndex: Int32Array.of(1) }).sample(1.5)).y)).toEqual([3, -1]);
    await expect(own.sample(2.5)).rejects.toThrow(/does not extrapolate/);
  });
});

describe('nearest-anchor and McCann baselines', () => {
  it('McCann puts the midpoint of two point masses halfway', async () => {
    const m = new BaselineModel(masses([[[0, 0]], [[2, 1]]], [0, 1]), { method: 'mccann' });
    const mid = await at(m, 0.5);
    expect(mid[0]).toBeCloseTo(1, 5);
    expect(mid[1]).toBeCloseTo(0.5, 5);
    const quarter = await at(m, 0.25);
    expect(quarter[0]).toBeCloseTo(0.5, 5);
  });

  it('McCann follows the optimal coupling, not the row order', async () => {
    // Row 0 at the first anchor is nearest to row 1 at the second: the straight lines must not cross.
    const m = new BaselineModel(masses([[[0, 0], [0, 1]], [[1, 1], [1, 0]]], [0, 1]), { method: 'mccann' });
    expect(await at(m, 0.5)).toEqual([0.5, 0, 0.5, 1]);
  });

  it('nearest anchor switches at the midpoint between anchors', async () => {
    const m = new BaselineModel(masses([[[0, 0]], [[4, 0]], [[4, 4]]], [0, 1, 3]), { method: 'nearest' });
    expect(await at(m, 0.49)).toEqual([0, 0]);
    expect(await at(m, 0.51)).toEqual([4, 0]);
    expect(await at(m, 1.99)).toEqual([4, 0]);
    expect(await at(m, 2.01)).toEqual([4, 4]);
  });

  it('couples per class and refuses to extrapolate', async () => {
    const data: AnchorSet = {
      source: 'toy',
      dimY: 2,
      condition: { kind: 'class', values: [0, 1] },
      anchors: [
        { lambda: 0, n: 2, y: Float32Array.from([0, 0, 10, 0]), label: Int32Array.from([0, 1]) },
        // Without classes the cheaper coupling would swap these two.
        { lambda: 1, n: 2, y: Float32Array.from([10, 2, 0, 2]), label: Int32Array.from([1, 0]) },
      ],
    };
    const m = new BaselineModel(data, { method: 'mccann' });
    expect(await at(m, 1)).toEqual([0, 2, 10, 2]);
    await expect(m.sampler().sample(1.5)).rejects.toThrow(/does not extrapolate/);
  });

  it('moves caller-given start rows with their nearest first-anchor row', async () => {
    const m = new BaselineModel(masses([[[0, 0], [5, 5]], [[1, 0], [5, 7]]], [0, 1]), { method: 'mccann' });
    const out = await m.sampler({ startRows: { n: 1, y: Float32Array.from([4.5, 5]) } }).sample(1);
    expect(Array.from(out.y, (v) => Math.round(v * 1e5) / 1e5)).toEqual([4.5, 7]);
  });
});

describe('network baselines', () => {
  // Each input x moves by λ·(1, x): deterministic, continuous condition shared across anchors.
  const line: AnchorSet = {
    source: 'line',
    dimY: 2,
    condition: { kind: 'continuous', dim: 1 },
    anchors: [0, 0.5, 1].map((l) => {
      const xs = Array.from({ length: 64 }, (_, i) => -1 + (2 * i) / 63);
      return { lambda: l, n: 64, y: Float32Array.from(xs.flatMap((x) => [x + l, x * x + l * x])), c: Float32Array.from(xs) };
    }),
  };

  it('regression fits the anchors of a deterministic network', async () => {
    const m = new BaselineModel(line, { method: 'regression', iterations: 600, seed: 1 });
    await trainSurrogate(m);
    const r = await evaluateSurrogate(m, line);
    for (const row of r.rows) expect(row.mse).toBeLessThan(0.01);
    m.dispose();
  });

  it('flow matching transports one point mass to the other through the midpoint, with a flat tensor count', async () => {
    const data = masses([[[0, 0]], [[2, 0]]], [0, 1]);
    const m = new BaselineModel(data, { method: 'cfm', iterations: 50, seed: 2, batch: 64 });
    await trainSurrogate(m);
    const before = tf.memory().numTensors;
    m.config.iterations = 500;
    await trainSurrogate(m);
    expect(tf.memory().numTensors).toBe(before);
    const mid = await at(m, 0.5);
    const end = await at(m, 1);
    expect(Math.abs(mid[0] - 1)).toBeLessThan(0.1);
    expect(Math.abs(end[0] - 2)).toBeLessThan(0.1);
    expect(Math.abs(end[1])).toBeLessThan(0.1);
    m.dispose();
  });

  it('OT flow matching follows the OT pairs of two point masses, where independent pairs bend towards the middle', async () => {
    // OT pairs (0, ±1) → (2, ±1): straight lines through (1, ±1). Independent pairs also join (0, 1) to (2, −1),
    // so the learned cfm flow is pulled towards y = 0 halfway.
    const data = masses([[[0, -1], [0, 1]], [[2, -1], [2, 1]]], [0, 1]);
    const mid: Record<string, number[]> = {};
    for (const method of ['ot-cfm', 'cfm']) {
      const m = new BaselineModel(data, { method, iterations: 600, seed: 5, batch: 64 });
      await trainSurrogate(m);
      mid[method] = await at(m, 0.5);
      if (method === 'ot-cfm') expect([Array.from(m.plans[0].src), Array.from(m.plans[0].dst)]).toEqual([[0, 1], [0, 1]]);
      m.dispose();
    }
    const offLine = (p: number[]) => Math.hypot(p[0] - 1, p[1] + 1) + Math.hypot(p[2] - 1, p[3] - 1);
    expect(offLine(mid['ot-cfm'])).toBeLessThan(0.05);
    expect(offLine(mid['ot-cfm'])).toBeLessThan(offLine(mid.cfm) / 2);
  });

  it('round-trips through its file to identical samples', async () => {
    const data = PRESETS['dropout-moons'].make(0);
    for (const method of BASELINES) {
      const m = new BaselineModel(data, { method, iterations: 30, seed: 3 });
      await trainSurrogate(m);
      const file = JSON.parse(JSON.stringify(await m.serialize({ steps: m.stepsDone, seconds: 0, backend: 'wasm' })));
      const { model: back } = deserializeBaseline(file);
      const a = await m.sampler({ n: 50, seed: 4 }).sample(0.3);
      const b = await back.sampler({ n: 50, seed: 4 }).sample(0.3);
      expect(Array.from(b.y)).toEqual(Array.from(a.y));
      expect(loadSurrogate(file).surrogate.method).toBe(method);
      m.dispose();
      back.dispose();
    }
  });
});

describe('evaluation', () => {
  it('scores McCann at its own anchors as exact (W2 = 0) and pairs continuous conditions for MSE', async () => {
    const fan = PRESETS['quantile-fan'];
    const data = fan.make(0);
    const m = new BaselineModel(data, { method: 'mccann' });
    const r = await evaluateSurrogate(m, data);
    expect(r.w2Method).toBe('exact');
    for (const row of r.rows) {
      expect(row.anchor).toBe(true);
      expect(row.w2).toBeLessThan(1e-5);
      expect(row.mse).toBeLessThan(1e-10);
    }
    // Fresh quantiles of the same inputs: McCann is straight in τ, the truth is not (Φ⁻¹), so MSE > 0.
    const held = await evaluateSurrogate(m, fan.make(0, [0.1, 0.3, 0.7]), { lambdas: [0.3, 0.7] });
    expect(held.rows.map((x) => x.lambda)).toEqual([0.3, 0.7]);
    expect(held.rows[0].mse).toBeGreaterThan(1e-4);
  });

  it('scores McCann and nearest anchor at their own anchors as exact where conditions repeat, and with a point mass at λ_0', async () => {
    // A continuous condition recurring 20 times per anchor (the states of a stochastic policy):
    // each start row must follow its own partner, not the first row of its condition (which
    // moved all 20 by one displacement: W2 0.34 here at the anchors; McCann scored cancer 1.179, not 1.103).
    const at = (l: number, k: number) => {
      const y: number[] = [];
      const c: number[] = [];
      for (const v of [0, 1]) for (let i = 0; i < 20; i++) [y.push(Math.cos(3 * i + k) + l * v, Math.sin(5 * i + k) + l), c.push(v)];
      return { lambda: l, n: 40, y: Float32Array.from(y), c: Float32Array.from(c) };
    };
    const states: AnchorSet = { source: 'states', dimY: 2, condition: { kind: 'continuous', dim: 1 }, anchors: [at(0, 0), at(1, 1), at(2, 2)] };
    const pointMass = masses([Array.from({ length: 30 }, () => [0, 0] as [number, number]), Array.from({ length: 30 }, (_, i) => [i / 10, 1] as [number, number])], [0, 1]);
    for (const data of [states, pointMass]) {
      for (const method of ['mccann', 'nearest'] as const) {
        const r = await evaluateSurrogate(new BaselineModel(data, { method }), data);
        for (const row of r.rows) expect(row.w2).toBeLessThan(1e-5);
      }
    }
  });

  it('groups by class and attaches the true-density scores of semicircles', async () => {
    const semi = PRESETS.semicircles;
    const m = new BaselineModel(semi.make(0), { method: 'nearest' });
    const r = await evaluateSurrogate(m, semi.make(1, [0.25, 0.75]), { truth: semi.truth });
    expect(r.grouping).toBe('per class, averaged');
    expect(r.rows[0].groups.map((g) => g.key)).toEqual(['class 0', 'class 1', 'class 2', 'class 3']);
    expect(r.rows[0].truth!.dist).toBeLessThan(0.1); // the nearest anchor's samples lie on the circles
    expect(r.rows[0].mse).toBeUndefined();
  });
});

describe('overlay tracks and hold-out splits', () => {
  it('interpolates a track linearly or takes the nearest grid point', () => {
    const track: SampleTrack = { method: 'mccann', lambdas: [0, 1, 3], y: [Float32Array.of(0), Float32Array.of(2), Float32Array.of(6)], labels: null, conds: null, interpolation: 'linear', perInterval: 1 };
    expect(sampleTrack(track, 0.5)[0]).toBeCloseTo(1);
    expect(sampleTrack(track, 2)[0]).toBeCloseTo(4);
    expect(sampleTrack({ ...track, interpolation: 'step' }, 1.9)[0]).toBe(2);
    expect(sampleTrack({ ...track, interpolation: 'step' }, 2.1)[0]).toBe(6);
  });

  it('holds out interior anchors one at a time or together, and refuses the ends', () => {
    const data = masses([[[0, 0]], [[1, 0]], [[2, 0]], [[3, 0]]], [0, 1, 2, 3]);
    expect(interiorAnchors(data)).toEqual([1, 2]);
    const each = holdOutSplits(data, [1, 2], 'each');
    expect(each.map((s) => s.train.anchors.map((a) => a.lambda))).toEqual([[0, 2, 3], [0, 1, 3]]);
    expect(holdOutSplits(data, [1, 2], 'together')[0].train.anchors.map((a) => a.lambda)).toEqual([0, 3]);
    expect(() => holdOutSplits(data, [3], 'each')).toThrow(/cannot be held out/);
  });
});

import { describe, expect, it } from 'vitest';
import { couplePlan } from '../src/core/baselines/coupling';
import { measureMoveNoise } from '../src/core/clot/move-noise';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { deserializeModel, serializeModel } from '../src/core/clot/serialize';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { classPaces, rotatingBlob, unevenCountsBlob } from '../src/core/datasets/families';
import { Rng } from '../src/core/random';
import { fitNormalization, standardizeAnchors } from '../src/core/sampling/normalize';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';

/** Anchors drawn from one Gaussian (nothing moves) in D dimensions. */
function still(D: number, n: number, seed: number, scale = 1): AnchorSet {
  const rng = new Rng(seed);
  const at = (lambda: number): Anchor => ({ lambda, n, y: Float32Array.from({ length: n * D }, () => scale * rng.normal()) });
  return { source: 'still', dimY: D, condition: { kind: 'none' }, anchors: [at(0), at(1), at(2)] };
}

function meanMoves(data: AnchorSet): number[] {
  const rows = standardizeAnchors(data, fitNormalization(data));
  const D = data.dimY;
  return data.anchors.slice(1).map((_, k) => {
    const plan = couplePlan(data, rows, k, D, new Rng(1));
    let total = 0;
    for (let e = 0; e < plan.src.length; e++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += (rows[k + 1].y[plan.dst[e] * D + d] - rows[k].y[plan.src[e] * D + d]) ** 2;
      total += Math.sqrt(s);
    }
    return total / plan.src.length;
  });
}

const speeds = (lambdas: number[], lengths: number[]) => lengths.map((L, k) => L / (lambdas[k + 1] - lambdas[k]));

describe('measureMoveNoise (how long a mean coupled move reads where nothing moves)', () => {
  it('matches the mean coupled move between two samples of one distribution (D = 1 to 8, 40 to 1,000 rows)', () => {
    const draws = (D: number, n: number, seeds: number[]) =>
      seeds.flatMap((seed) => {
        const data = still(D, n, seed);
        const noise = measureMoveNoise(data, standardizeAnchors(data, fitNormalization(data))).intervals;
        return meanMoves(data).map((move, k) => ({ move, noise: noise[k] }));
      });
    // From 2-D up each interval is within 0.8–1.3 (1,000 rows: halves of a 600-row subsample, rescaled).
    for (const [D, n] of [[2, 300], [3, 40], [5, 300], [8, 1000]]) {
      for (const { move, noise } of draws(D, n, [1, 2, 3])) {
        expect(move / noise).toBeGreaterThan(0.8);
        expect(move / noise).toBeLessThan(1.3);
      }
    }
    // In 1-D the move itself varies widely between draws (0.4–1.6× the noise); over sixteen draws they agree.
    const oneD = draws(1, 300, Array.from({ length: 16 }, (_, i) => i + 1));
    const ratio = oneD.reduce((a, d) => a + d.move, 0) / oneD.reduce((a, d) => a + d.noise, 0);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  });

  it('weights class groups by their pairs, and is 0 where the conditions do not recur', () => {
    const rng = new Rng(8);
    const cls = (lambda: number, perClass: number[], labels = perClass.map((_, c) => c)): Anchor => {
      const y: number[] = [];
      const label: number[] = [];
      perClass.forEach((n, i) => {
        for (let r = 0; r < n; r++) {
          y.push(3 * labels[i] + rng.normal(), rng.normal());
          label.push(labels[i]);
        }
      });
      return { lambda, n: y.length / 2, y: Float32Array.from(y), label: Int32Array.from(label) };
    };
    const two: AnchorSet = { source: 'classes', dimY: 2, condition: { kind: 'class', values: [0, 1, 2] }, anchors: [cls(0, [200, 200]), cls(1, [200, 200]), cls(2, [200, 200])] };
    const rows = standardizeAnchors(two, fitNormalization(two));
    const { intervals: noise, groups } = measureMoveNoise(two, rows);
    // Each class is a still cloud: the noise matches the mean coupled move, which pairs within classes.
    meanMoves(two).forEach((move, k) => expect(move / noise[k]).toBeGreaterThan(0.8));
    meanMoves(two).forEach((move, k) => expect(move / noise[k]).toBeLessThan(1.3));
    // Each class keeps its own noise too; with equal classes the interval's noise is their mean.
    expect(Object.keys(groups!)).toEqual(['class 0', 'class 1']);
    noise.forEach((v, k) => expect(v).toBeCloseTo((groups!['class 0'][k] + groups!['class 1'][k]) / 2, 12));
    // Class 2 appears only at the last anchor: the last interval couples across classes, so nothing is measured.
    const moved: AnchorSet = { ...two, anchors: [two.anchors[0], two.anchors[1], cls(2, [200, 200], [0, 2])] };
    const noise2 = measureMoveNoise(moved, standardizeAnchors(moved, fitNormalization(moved))).intervals;
    expect(noise2[0]).toBeGreaterThan(0);
    expect(noise2[1]).toBe(0);
    // With one interval coupled across classes, no group keeps its own pace.
    expect(measureMoveNoise(moved, standardizeAnchors(moved, fitNormalization(moved))).groups).toBeNull();
  });

  it('is 0 with one row per input (coupled moves are exact there)', () => {
    const rng = new Rng(4);
    const xs = Array.from({ length: 30 }, () => rng.next());
    const at = (l: number): Anchor => ({ lambda: l, n: 30, y: Float32Array.from(xs.map((x) => x + l)), c: Float32Array.from(xs) });
    const data: AnchorSet = { source: 'per input', dimY: 1, condition: { kind: 'continuous', dim: 1 }, anchors: [at(0), at(1), at(2)] };
    expect(measureMoveNoise(data, standardizeAnchors(data, fitNormalization(data))).intervals).toEqual([0, 0]);
  });
});

describe('the calibrated pace with noisy moves', () => {
  const tiny = { variant: 'euclidean' as const, hidden: [8], iterations: 2, seed: 3 };
  const train = async (data: AnchorSet) => {
    const m = new ClotModel(data, tiny);
    await trainSurrogate(new ClotSurrogate(m));
    return m;
  };

  it('moves linearly in λ on a blob turning steadily with anchors 0, 0.05 and 2, where the raw moves read the first interval fast', async () => {
    const lambdas = [0, 0.05, 2];
    for (const seed of [0, 1, 2]) {
      const m = await train(rotatingBlob(lambdas, 300, seed));
      const [raw0, raw1] = speeds(lambdas, m.moveLengths()!);
      expect(raw0 / raw1).toBeGreaterThan(1.25);
      const [v0, v1] = speeds(lambdas, m.paceLengths()!);
      expect(v0 / v1).toBeCloseTo(1, 9);
      m.dispose();
    }
  });

  it('keeps a pace that holds still, then moves: a blob still over [0, 1], then turning by 120°', async () => {
    // unevenCountsBlob turns by 30° per unit: its anchors at 0, 0 and 4 relabelled λ = 0, 1, 2.
    const drawn = unevenCountsBlob([0, 0, 4], [300], 5);
    const data = { ...drawn, anchors: drawn.anchors.map((a, k) => ({ ...a, lambda: k })) };
    const m = await train(data);
    const [v0, v1] = speeds([0, 1, 2], m.paceLengths()!);
    expect(v1 / v0).toBeGreaterThan(5);
    m.dispose();
  });

  it('is not measured where the pace does not use it: two anchors, or timing other than calibrated', async () => {
    const two = await train(rotatingBlob([0, 2], 60, 1));
    const constant = new ClotModel(rotatingBlob([0, 0.05, 2], 60, 1), { ...tiny, timing: 'constant-speed' });
    await trainSurrogate(new ClotSurrogate(constant));
    expect([two.moveNoise(), constant.moveNoise(), constant.paceLengths()]).toEqual([null, null, null]);
    expect(two.paceLengths()).toEqual(two.moveLengths());
    for (const x of [two, constant]) x.dispose();
  });

  it('saves the noise in the model file, samples the same from it, measures it for a file without it, and rejects a malformed one', async () => {
    const m = await train(rotatingBlob([0, 0.05, 2], 120, 7));
    const file = JSON.parse(JSON.stringify(await serializeModel(m, { steps: 2, seconds: 1, backend: 'cpu' })));
    expect(file.paceNoise).toEqual(m.moveNoise());
    const at = async (model: ClotModel) => Array.from((await new Sampler(model, { n: 50, seed: 2 }).sample(1.1)).y);
    const { model: back } = deserializeModel(file, 'm.json');
    expect(await at(back)).toEqual(await at(m));
    // The saved noise is what the loaded model uses: with none, the pace follows the raw moves.
    const { model: noiseless } = deserializeModel({ ...file, paceNoise: [0, 0] }, 'zero.json');
    expect(noiseless.paceNoise).toEqual([0, 0]);
    expect(noiseless.paceLengths()).toEqual(noiseless.moveLengths());
    expect(noiseless.paceLengths()).not.toEqual(m.paceLengths());
    const { paceNoise: _, ...older } = file;
    const { model: measured } = deserializeModel(older, 'old.json');
    expect(measured.paceNoise).toBeNull();
    expect(measured.moveNoise()).toEqual(m.moveNoise());
    expect(() => deserializeModel({ ...file, paceNoise: [0.1] }, 'bad.json')).toThrow(/bad\.json.*paceNoise must be 2 non-negative numbers/);
    for (const x of [m, back, noiseless, measured]) x.dispose();
  });

  it('keeps a pace per class where the classes keep different paces: one slowing down, one speeding up', async () => {
    const m = await train(classPaces([0, 1, 2], 150, 2));
    // Together the classes move about as far in each interval: the shared pace is close to linear.
    const [s0, s1] = speeds([0, 1, 2], m.paceLengths()!);
    expect(s0 / s1).toBeGreaterThan(0.8);
    expect(s0 / s1).toBeLessThan(1.25);
    // Each class keeps its own (true moves 3, 1 and 1, 3).
    const own = m.groupPaceLengths()!;
    expect(Object.keys(own).sort()).toEqual(['class 0', 'class 1']);
    expect(own['class 0'][0] / own['class 0'][1]).toBeGreaterThan(2);
    expect(own['class 1'][0] / own['class 1'][1]).toBeLessThan(0.5);
    // At λ = 0.5 the truth puts class 0 at x = 1.75 and class 1 at y = 3.25; a linear pace puts them at 1.5 and
    // 3.5. Each class's own pace (a cubic through its moves) must take off more than half that error.
    const out = await new Sampler(m, { n: 300, seed: 1 }).sample(0.5);
    const meanOf = (c: number, d: number) => {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < out.n; i++) {
        if (out.label![i] !== c) continue;
        sum += out.y[2 * i + d];
        count++;
      }
      return sum / count;
    };
    expect(Math.abs(meanOf(0, 0) - 1.75)).toBeLessThan(0.125);
    expect(Math.abs(meanOf(1, 1) - 3.25)).toBeLessThan(0.125);
    m.dispose();
  });

  it('saves each class\'s noise in the model file, samples the same from it, measures it for a file without it, and rejects a malformed one', async () => {
    const m = await train(classPaces([0, 1, 2], 60, 4));
    const file = JSON.parse(JSON.stringify(await serializeModel(m, { steps: 2, seconds: 1, backend: 'cpu' })));
    expect(file.paceGroupNoise).toEqual(m.groupMoveNoise());
    expect(Object.keys(file.paceGroupNoise)).toHaveLength(2);
    const at = async (model: ClotModel) => Array.from((await new Sampler(model, { n: 60, seed: 2 }).sample(0.7)).y);
    const { model: back } = deserializeModel(file, 'm.json');
    expect(await at(back)).toEqual(await at(m));
    const { paceGroupNoise: _, ...older } = file;
    const { model: measured } = deserializeModel(older, 'old.json');
    expect(measured.paceGroupNoise).toBeUndefined();
    expect(await at(measured)).toEqual(await at(m));
    // The saved noise is what the loaded model uses: null (no group measured) gives the shared pace.
    const { model: shared } = deserializeModel({ ...file, paceGroupNoise: null }, 'shared.json');
    expect(shared.groupPaceLengths()).toBeNull();
    expect(await at(shared)).not.toEqual(await at(m));
    expect(() => deserializeModel({ ...file, paceGroupNoise: { 'class 0': [0.1] } }, 'bad.json')).toThrow(/bad\.json.*paceGroupNoise of condition "class 0" must be 2 non-negative numbers/);
    expect(() => deserializeModel({ ...file, paceGroupNoise: [1, 2] }, 'bad.json')).toThrow(/paceGroupNoise must map each condition/);
    for (const x of [m, back, measured, shared]) x.dispose();
  });

  it('keeps a pace per recurring continuous condition, the same for a row however many rows are drawn', async () => {
    // classPaces with its class as a continuous condition (0 or 1) of 100 rows each.
    const drawn = classPaces([0, 1, 2], 100, 6);
    const data: AnchorSet = {
      ...drawn,
      condition: { kind: 'continuous', dim: 1 },
      anchors: drawn.anchors.map(({ label, ...a }) => ({ ...a, c: Float32Array.from(label!) })),
    };
    const m = await train(data);
    expect(Object.keys(m.groupPaceLengths()!).sort()).toEqual(['0', '1']);
    // Rows 0, 1 and 100 alone (condition 1 drawn once) and among every row: each row's own pace either way.
    const few = await new Sampler(m, { startIndex: Int32Array.of(0, 1, 100) }).sample(0.5);
    const all = await new Sampler(m, { startIndex: Int32Array.from({ length: 200 }, (_, i) => i) }).sample(0.5);
    expect(Array.from(few.y)).toEqual([...all.y.subarray(0, 4), ...all.y.subarray(200, 202)]);
    // Class 0 is at x ≈ 1.75 at λ = 0.5 (a linear pace: 1.5).
    let x = 0;
    for (let i = 0; i < 100; i++) x += all.y[2 * i] / 100;
    expect(Math.abs(x - 1.75)).toBeLessThan(0.125);
    m.dispose();
  });
});

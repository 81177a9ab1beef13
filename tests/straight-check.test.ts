import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { deserializeModel, serializeModel } from '../src/core/clot/serialize';
import { encodeAnchorSet } from '../src/core/data/encode';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { rotatingBlob } from '../src/core/datasets/families';
import { OFF_STRAIGHT, skipOneRatio } from '../src/core/geometry/straight-check';
import { Rng } from '../src/core/random';
import { standardizeAnchors, fitNormalization } from '../src/core/sampling/normalize';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';

/** A blob whose centre moves (2λ, λ) while its sd grows 0.2 + 0.3λ: straight-line transport is the truth. */
function widening(lambdas: number[], n: number, seed: number): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l) => {
    const sd = 0.2 + 0.3 * l;
    return { lambda: l, n, y: Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 ? l : 2 * l) + (j % 2 ? 0.5 : 1) * sd * rng.normal()) };
  });
  return { source: 'widening', dimY: 2, condition: { kind: 'none' }, anchors };
}
const ratio = (set: AnchorSet) => skipOneRatio(set, standardizeAnchors(set, fitNormalization(set)));

describe('skip-one evidence for a learned metric', () => {
  it('is 0 where the middle anchor is exactly halfway along its neighbours’ straight lines, and null without an interior anchor or groups', () => {
    const rng = new Rng(1);
    const base = Array.from({ length: 60 }, () => rng.normal());
    const shifted = (l: number): Anchor => ({ lambda: l, n: 30, y: Float32Array.from(base, (v, j) => v + (j % 2 ? 3 * l : 0)) });
    const exact: AnchorSet = { source: 'shift', dimY: 2, condition: { kind: 'none' }, anchors: [shifted(0), shifted(1), shifted(2)] };
    expect(ratio(exact)).toBeCloseTo(0, 5);
    // Uneven spacing: the middle anchor a third of the way (λ = 0, 1, 3), read at the fraction 1/3.
    const third: AnchorSet = { ...exact, anchors: [shifted(0), shifted(1), shifted(3)] };
    expect(ratio(third)).toBeCloseTo(0, 5);
    // Per class: one class shifted exactly, the other turned off its lines, average the two.
    const labelled = (a: Anchor, turn: number): Anchor => {
      const y = Float32Array.from(a.y);
      for (let i = 15; i < 30; i++) [y[2 * i], y[2 * i + 1]] = [y[2 * i] + turn, y[2 * i + 1]];
      return { ...a, label: Int32Array.from({ length: 30 }, (_, i) => (i < 15 ? 0 : 1)), y };
    };
    const classes: AnchorSet = { ...exact, condition: { kind: 'class', values: [0, 1] }, anchors: exact.anchors.map((a, k) => labelled(a, k === 1 ? 8 : 0)) };
    expect(ratio(classes)).toBeGreaterThan(OFF_STRAIGHT);
    expect(ratio({ ...exact, anchors: exact.anchors.slice(0, 2) })).toBeNull();
    // A neighbour with fewer than 10 rows: nothing to compare at its size.
    expect(ratio({ ...exact, anchors: [{ ...exact.anchors[0], n: 8, y: exact.anchors[0].y.slice(0, 16) }, exact.anchors[1], exact.anchors[2]] })).toBeNull();
    // One row per input: no group to compare.
    const perInput: AnchorSet = { ...exact, condition: { kind: 'continuous', dim: 1 }, anchors: exact.anchors.map((a) => ({ ...a, c: Float32Array.from({ length: a.n }, (_, i) => i) })) };
    expect(ratio(perInput)).toBeNull();
  });

  it('stays within sampling noise on a widening blob and far above it on a turning one', () => {
    for (const seed of [0, 1, 2]) {
      expect(ratio(widening([0, 1, 2], 300, seed))).toBeLessThan(OFF_STRAIGHT);
      expect(ratio(rotatingBlob([0, 1, 3], 300, seed))).toBeGreaterThan(2 * OFF_STRAIGHT);
    }
  });

  it('reads a middle anchor wider or narrower than its neighbours as straight: a change of width is not a curve', () => {
    // A blob moving along a line whose spread peaks (or dips) at the middle anchor: straight lines of the
    // optimal coupling pass through every width between their ends, so nothing here calls for bent paths.
    const peaked = (mid: number, seed: number): AnchorSet => {
      const rng = new Rng(seed);
      const anchors: Anchor[] = [0, 1, 2].map((l) => {
        const sd = l === 1 ? mid : 0.2;
        return { lambda: l, n: 300, y: Float32Array.from({ length: 600 }, (_, j) => (j % 2 ? 0 : 1.5 * l) + sd * rng.normal()) };
      });
      return { source: 'peaked', dimY: 2, condition: { kind: 'none' }, anchors };
    };
    for (const seed of [0, 1]) {
      expect(ratio(peaked(0.6, seed))).toBeLessThan(OFF_STRAIGHT);
      expect(ratio(peaked(0.08, seed))).toBeLessThan(OFF_STRAIGHT);
    }
  });

  it('reads a change of pace along a line as straight, and a reversal along it as not', () => {
    /** A blob (sd 0.3) whose centre sits at (x(λ), 0). */
    const along = (x: (l: number) => number, seed: number, sd = 0.3): AnchorSet => {
      const rng = new Rng(seed);
      const anchors = [0, 1, 2].map((l) => ({ lambda: l, n: 200, y: Float32Array.from({ length: 400 }, (_, j) => (j % 2 ? 0 : x(l)) + sd * rng.normal()) }));
      return { source: 'along', dimY: 2, condition: { kind: 'none' }, anchors };
    };
    for (const seed of [0, 1]) {
      // Accelerating: the middle anchor is 1/4 of the way along, not 1/2 (read at 1/2 it scored 6–8).
      expect(ratio(along((l) => l * l, seed))).toBeLessThan(OFF_STRAIGHT);
      // A cloud 0.005 wide moving e² − 1 ≈ 6.4 (at 0.27 of the way at λ = 1): with the fraction
      // searched to a bracket of 0.011 it read 1.7–2.1 floors.
      expect(ratio(along(Math.exp, seed, 0.005))).toBeLessThan(OFF_STRAIGHT);
      // Out to x = 2 and back to 0.5: the middle anchor lies beyond the segment from 0 to 0.5.
      expect(ratio(along((l) => (l === 1 ? 2 : l / 4), seed))).toBeGreaterThan(2 * OFF_STRAIGHT);
    }
  });
});

describe('a learned metric is held where the anchors show nothing straight lines miss', () => {
  const tiny = { hidden: [16, 16], metricHidden: [8], pathHidden: [16], pathPretrainSteps: 10, iterations: 4, seed: 3 };

  /** Trains `full` and a K_I model on the same data, and returns both models' samples at λ (n start rows, seed 2). */
  async function samplesBesideKI(full: ClotModel, data: AnchorSet, n: number, lambda: number): Promise<[number[], number[]]> {
    const straight = new ClotModel(data, { ...tiny, variant: 'euclidean' });
    await trainSurrogate(new ClotSurrogate(full));
    await trainSurrogate(new ClotSurrogate(straight));
    const at = async (m: ClotModel) => Array.from((await new Sampler(m, { n, seed: 2 }).sample(lambda)).y);
    const out: [number[], number[]] = [await at(full), await at(straight)];
    straight.dispose();
    return out;
  }

  it('trains the full variant on a widening blob as straight lines (the same samples as K_I), and keeps the choice in its file', async () => {
    const data = widening([0, 1, 2], 60, 4);
    const full = new ClotModel(data, tiny);
    expect(full.metricChoice?.learns).toBe(false);
    expect(full.metric.net).toBeNull();
    expect(full.path).toBeNull();
    const [held, straight] = await samplesBesideKI(full, data, 60, 1.4);
    expect(held).toEqual(straight);
    const file = JSON.parse(JSON.stringify(await serializeModel(full, { steps: 4, seconds: 1, backend: 'cpu' })));
    expect(file.resolved.metric).toEqual({ learns: false, ratio: full.metricChoice!.ratio });
    const { model: back } = deserializeModel(file, 'm.json');
    expect(back.metric.net).toBeNull();
    expect(() => deserializeModel({ ...file, resolved: { ...file.resolved, metric: { learns: 'no' } } }, 'x.json')).toThrow(/resolved\.metric needs learns/);
    for (const m of [full, back]) m.dispose();
  });

  it('holds a faint curve without a potential: straight lines, the same samples as K_I, and the file keeps why', async () => {
    // 30 rows of the turning blob read 1.30: off the lines, but below the transport spline's 1.5.
    const data = rotatingBlob([0, 1, 3], 30, 2);
    const full = new ClotModel(data, tiny);
    expect(full.alpha).toBe(0);
    expect(full.metricChoice).toEqual({ learns: false, ratio: expect.closeTo(1.3, 2), faint: true });
    expect([full.metric.net, full.path, full.followsSpline]).toEqual([null, null, false]);
    const [held, straight] = await samplesBesideKI(full, data, 30, 2);
    expect(held).toEqual(straight);
    const file = JSON.parse(JSON.stringify(await serializeModel(full, { steps: 4, seconds: 1, backend: 'cpu' })));
    expect(file.resolved.metric).toEqual({ learns: false, ratio: full.metricChoice!.ratio, faint: true });
    const { model: back } = deserializeModel(file, 'm.json');
    expect(back.metricChoice).toEqual(full.metricChoice);
    const bad = (metric: object, alpha = 0) => () => deserializeModel({ ...file, resolved: { ...file.resolved, alpha, metric } }, 'x.json');
    expect(bad({ learns: true, ratio: 1.3, faint: true })).toThrow(/resolved\.metric\.faint may only be true/);
    expect(bad({ learns: false, ratio: null, faint: true })).toThrow(/resolved\.metric\.faint may only be true/);
    expect(bad({ learns: false, ratio: 1.3, faint: true }, 0.1)).toThrow(/resolved\.metric\.faint may only be true/);
    // A weight set by hand, even 0, leaves the choice to the metric rule: it learns.
    const handSet = new ClotModel(data, { ...tiny, alpha: 0 });
    expect(handSet.metricChoice).toEqual({ learns: true, ratio: full.metricChoice!.ratio });
    for (const m of [full, back, handSet]) m.dispose();
  });

  it('learns on a turning blob with a potential; a file from before the choice was saved learned its metric; the semi-dual solver and learnMetric always learn', async () => {
    const turning = new ClotModel(rotatingBlob([0, 1, 3], 40, 5), { ...tiny, alpha: 0.1 });
    expect(turning.metricChoice?.learns).toBe(true);
    expect(turning.metric.net).not.toBeNull();
    await trainSurrogate(new ClotSurrogate(turning));
    const file = JSON.parse(JSON.stringify(await serializeModel(turning, { steps: 4, seconds: 1, backend: 'cpu' })));
    const { metric: _, ...older } = file.resolved;
    // An older file trained (with the metric learning, as every build then did) on data the rule now holds: it loads as trained.
    const held = widening([0, 1, 2], 40, 5);
    expect(new ClotModel(held, tiny).metricChoice?.learns).toBe(false);
    const { model: asTrained } = deserializeModel({ ...file, data: encodeAnchorSet(held), resolved: older }, 'm.json');
    expect(asTrained.metricChoice?.learns).toBe(true);
    expect(asTrained.metric.net).not.toBeNull();
    const others = [new ClotModel(held, { ...tiny, solver: 'semidual' }), new ClotModel(held, { ...tiny, learnMetric: 'always' })];
    for (const m of others) expect([m.metricChoice, m.metric.net !== null]).toEqual([null, true]);
    for (const m of [turning, asTrained, ...others]) m.dispose();
  });

  it('where three anchors have one row per input: the spline without a potential, the metric as published with K_θ or a set weight; holds with two anchors', () => {
    const rng = new Rng(6);
    const xs = Array.from({ length: 40 }, () => 2 * rng.next() - 1);
    const at = (l: number): Anchor => ({ lambda: l, n: 40, y: Float32Array.from(xs.flatMap((x) => [Math.cos(l * x), Math.sin(l * x)])), c: Float32Array.from(xs) });
    const perInput: AnchorSet = { source: 'turning inputs', dimY: 2, condition: { kind: 'continuous', dim: 1 }, anchors: [at(0), at(1), at(2)] };
    const three = new ClotModel(perInput, tiny);
    const two = new ClotModel({ ...perInput, anchors: perInput.anchors.slice(0, 2) }, tiny);
    // 'auto' gives one row per input no potential, so nothing but the metric would bend the paths: the cubic through each input's outputs does.
    expect(three.alpha).toBe(0);
    expect(three.metricChoice).toEqual({ learns: false, ratio: null, spline: true });
    expect([three.metric.net, three.path, three.followsSpline]).toEqual([null, null, true]);
    const kTheta = new ClotModel(perInput, { ...tiny, variant: 'metric' });
    const weighted = new ClotModel(perInput, { ...tiny, alpha: 0.1 });
    for (const m of [kTheta, weighted]) {
      expect(m.metricChoice).toEqual({ learns: true, ratio: null });
      expect(m.metric.net).not.toBeNull();
    }
    expect(two.metricChoice).toEqual({ learns: false, ratio: null });
    for (const m of [three, two, kTheta, weighted]) m.dispose();
  });

  it('holds the metric but keeps a set potential: the model is K_I − U, paths bent by the potential alone', async () => {
    const data = widening([0, 1, 2], 60, 4);
    const full = new ClotModel(data, { ...tiny, alpha: 0.1 });
    const kiu = new ClotModel(data, { ...tiny, alpha: 0.1, variant: 'euclidean+potential' });
    expect([full.metricChoice?.learns, full.metric.net, full.path !== null, full.alpha]).toEqual([false, null, true, 0.1]);
    await trainSurrogate(new ClotSurrogate(full));
    await trainSurrogate(new ClotSurrogate(kiu));
    const at = async (m: ClotModel) => Array.from((await new Sampler(m, { n: 30, seed: 2 }).sample(0.6)).y);
    expect(await at(full)).toEqual(await at(kiu));
    for (const m of [full, kiu]) m.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { assertCouplingFits, composePlans, coupleAnchors, CouplingLimitError, couplePlan, samplesPerAnchorThatFit } from '../src/core/baselines/coupling';
import { subsampleAnchors } from '../src/core/data/subsample';
import { EXACT_W2_MAX } from '../src/core/metrics/w2';
import { BaselineModel } from '../src/core/baselines/model';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { deserializeModel, serializeModel } from '../src/core/clot/serialize';
import { resizeRows } from '../src/core/data/groups';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { rotatingBlob } from '../src/core/datasets/families';
import { Rng } from '../src/core/random';
import { pickRows } from '../src/core/sampling/start';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';
import { anchorFidelity } from '../src/core/surrogate/fidelity';

// Anchors whose counts differ: the coupling is a plan over every row of both anchors, not a map from the smaller one.

function line(values: number[][]): AnchorSet {
  const anchors: Anchor[] = values.map((v, k) => ({ lambda: k, n: v.length, y: Float32Array.from(v) }));
  return { source: 'line', dimY: 1, condition: { kind: 'none' }, anchors };
}
const rowsOf = (set: AnchorSet) => set.anchors.map((a) => ({ n: a.n, y: a.y }));
const partnersOf = (plan: { src: Int32Array; dst: Int32Array }, row: number) => [...plan.dst.filter((_, p) => plan.src[p] === row)].sort();

describe('coupling plans', () => {
  it('fans each of 2 rows out to its 3 nearest of 6, and folds 6 rows onto 2', () => {
    const grow = line([[0, 10], [-1, 0, 1, 9, 10, 11]]);
    const plan = couplePlan(grow, rowsOf(grow), 0, 1, new Rng(1));
    expect(Array.from(plan.src)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(partnersOf(plan, 0)).toEqual([0, 1, 2]);
    expect(partnersOf(plan, 1)).toEqual([3, 4, 5]);
    const shrink = line([[-1, 0, 1, 9, 10, 11], [0, 10]]);
    const back = couplePlan(shrink, rowsOf(shrink), 0, 1, new Rng(1));
    expect(Array.from(back.src)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(back.dst)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('spreads uneven counts evenly: 7 rows onto 3 use each target 2 or 3 times', () => {
    const rng = new Rng(4);
    const set = line([Array.from({ length: 7 }, () => rng.normal()), [-1, 0, 1]]);
    const plan = couplePlan(set, rowsOf(set), 0, 1, new Rng(2));
    const uses = [0, 1, 2].map((j) => plan.dst.filter((d) => d === j).length);
    expect(uses.reduce((a, b) => a + b)).toBe(7);
    for (const u of uses) expect([2, 3]).toContain(u);
    // Resizing up repeats every row evenly: 3 rows to 8 gives each 2 or 3 copies.
    const up = resizeRows([5, 6, 7], 8, new Rng(0));
    expect(up.slice(0, 6)).toEqual([5, 6, 7, 5, 6, 7]);
    for (const r of [5, 6, 7]) expect([2, 3]).toContain(up.filter((x) => x === r).length);
  });

  it('is the exact coupling, row by row, where the counts agree (per class)', () => {
    const set = rotatingBlob([0, 1], 40, 3);
    const withClasses: AnchorSet = { ...set, condition: { kind: 'class', values: [0, 1] }, anchors: set.anchors.map((a) => ({ ...a, label: Int32Array.from({ length: a.n }, (_, i) => i % 2) })) };
    const rows = withClasses.anchors.map((a) => ({ n: a.n, y: a.y, label: a.label }));
    const plan = couplePlan(withClasses, rows, 0, 2, new Rng(7));
    expect(Array.from(plan.src)).toEqual([...Array(40).keys()]);
    expect(Array.from(plan.dst)).toEqual(Array.from(coupleAnchors(withClasses, rows, 0, 2, new Rng(7))));
    for (let i = 0; i < 40; i++) expect(plan.dst[i] % 2).toBe(i % 2);
  });

  it('sends repeats of a start row to different partners, in turn', () => {
    const grow = line([[0, 10], [-1, 0, 1, 9, 10, 11]]);
    const plan = couplePlan(grow, rowsOf(grow), 0, 1, new Rng(1));
    const [, reached] = composePlans([plan], Int32Array.from([0, 1, 0, 0, -1, 0]));
    expect(new Set([reached[0], reached[2], reached[3]])).toEqual(new Set([0, 1, 2]));
    expect(reached[5]).toBe(reached[0]);
    expect(reached[4]).toBe(-1);
    expect([3, 4, 5]).toContain(reached[1]);
    // Start rows drawn larger than the anchor repeat every row evenly.
    const counts = [0, 1, 2].map((r) => Array.from(pickRows(3, 7, 0)).filter((x) => x === r).length);
    for (const c of counts) expect([2, 3]).toContain(c);
  });
});

describe('a model trained on anchors of 20, 60 and 40 rows', () => {
  const tiny = { hidden: [16, 16], metricHidden: [8], pathHidden: [16], pathPretrainSteps: 10, iterations: 4, seed: 3 };
  const blob = rotatingBlob([0, 1, 2], 60, 5);
  const counts = [20, 60, 40];
  const data: AnchorSet = { ...blob, anchors: blob.anchors.map((a, k) => ({ ...a, n: counts[k], y: a.y.slice(0, 2 * counts[k]) })) };

  it('shows every row of the larger anchors, not only as many as the first has', async () => {
    const model = new ClotModel(data, tiny);
    await trainSurrogate(new ClotSurrogate(model));
    const key = (y: Float32Array, i: number) => `${y[2 * i].toFixed(4)},${y[2 * i + 1].toFixed(4)}`;
    const distinct = (y: Float32Array, n: number) => new Set(Array.from({ length: n }, (_, i) => key(y, i)));
    // 60 start rows from 20: each row three times, fanned out over its three partners at λ = 1.
    const out = await new Sampler(model, { n: 60, seed: 0 }).sample(1);
    expect(distinct(out.y, 60)).toEqual(distinct(data.anchors[1].y, 60));
    const fidelity = await anchorFidelity(new ClotSurrogate(model), { seed: 1 });
    // Anchors 0 and 1 exactly (to float32 rounding), anchor 2 within the goal: first-anchor rows, 40 of 60 after a fan-out and a fold.
    expect(fidelity[0].ratio).toBeLessThan(1e-4);
    expect(fidelity[1].ratio).toBeLessThan(1e-4);
    expect(fidelity[2].ratio).toBeLessThan(1.25);
    // The plan travels in the model file and samples the same after loading.
    const file = JSON.parse(JSON.stringify(await serializeModel(model, { steps: 4, seconds: 1, backend: 'cpu' })));
    expect(file.couplingSources).toHaveLength(2);
    const { model: back } = deserializeModel(file, 'm.json');
    const again = await new Sampler(back, { n: 60, seed: 0 }).sample(1.5);
    expect(Array.from(again.y)).toEqual(Array.from((await new Sampler(model, { n: 60, seed: 0 }).sample(1.5)).y));
    // Sources that leave a row of the anchor out do not fit it.
    const dropRow = { ...file, couplingSources: [Buffer.from(new Int32Array(60).buffer).toString('base64'), file.couplingSources[1]] };
    expect(() => deserializeModel(dropRow, 'x.json')).toThrow(/^x\.json: .*coupling of interval 0 does not fit the anchors/);
    for (const m of [model, back]) m.dispose();
  });
});

describe('straight-line OT (McCann) on anchors of 2 and 6 rows', () => {
  it('moves each start row to its three partners in turn: all 6 rows at λ = 1, halfway between at λ = ½', async () => {
    const m = new BaselineModel(line([[0, 10], [-1, 0, 1, 9, 10, 11]]), { method: 'mccann' });
    const sorted = async (lambda: number) => Array.from((await m.sampler({ n: 6, seed: 0 }).sample(lambda)).y, (v) => Math.round(v * 1e4) / 1e4 + 0).sort((a, b) => a - b);
    expect(await sorted(1)).toEqual([-1, 0, 1, 9, 10, 11]);
    expect(await sorted(0.5)).toEqual([-0.5, 0, 0.5, 9.5, 10, 10.5]);
    m.dispose();
  });
});

describe('anchor fidelity where one class grows and the other does not', () => {
  it('starts each class from enough rows to show every row of its largest anchor', async () => {
    // Class 0: 4 rows at λ = 0, 12 at λ = 1; class 1: 12 at both. Repeating all 16 first-anchor rows evenly up
    // to 24 would give class 0 only 4–6 start rows for its 12; per class it gets 12.
    const rng = new Rng(9);
    const anchor = (lambda: number, counts: number[]): Anchor => {
      const label = counts.flatMap((n, c) => Array(n).fill(c));
      return { lambda, n: label.length, y: Float32Array.from(label.flatMap((c) => [3 * c + lambda + 0.3 * rng.normal(), 0.3 * rng.normal()])), label: Int32Array.from(label) };
    };
    const data: AnchorSet = { source: 'classes', dimY: 2, condition: { kind: 'class', values: [0, 1] }, anchors: [anchor(0, [4, 12]), anchor(1, [12, 12])] };
    const model = new ClotModel(data, { variant: 'euclidean', hidden: [8], iterations: 2, seed: 1 });
    await trainSurrogate(new ClotSurrogate(model));
    const fidelity = await anchorFidelity(new ClotSurrogate(model), { seed: 2 });
    for (const f of fidelity) expect(f.ratio).toBeLessThan(1e-4);
    model.dispose();
  });
});

describe('the exact coupling\'s size limit', () => {
  // Classes of the given sizes at each of `anchors` anchors (1-D outputs: only the counts matter).
  const classes = (sizes: number[], anchors = 2): AnchorSet => ({
    source: 'big',
    dimY: 1,
    condition: { kind: 'class', values: sizes.map((_, k) => k) },
    anchors: Array.from({ length: anchors }, (_, k) => {
      const label = Int32Array.from(sizes.flatMap((m, c) => Array.from({ length: m }, () => c)));
      return { lambda: k, n: label.length, y: Float32Array.from(label, (c, i) => c + (i % 7) / 7), label };
    }),
  });

  it('names the first group over the limit, wherever it is, before any coupling is solved', () => {
    // Small, large, small: the large class is the second interval's source.
    const big = classes([EXACT_W2_MAX + 5, 10]).anchors[0];
    const small = classes([30, 10]).anchors[0];
    const set: AnchorSet = { ...classes([30, 10]), anchors: [small, { ...big, lambda: 1 }, { ...small, lambda: 2 }] };
    expect(() => assertCouplingFits(set)).toThrow(new CouplingLimitError(1, EXACT_W2_MAX + 5));
    expect(() => assertCouplingFits(classes([EXACT_W2_MAX, 10], 3))).not.toThrow();
  });

  it('fails with a typed error naming the anchor and the group size', () => {
    const set = classes([EXACT_W2_MAX + 1, 10]);
    const err = (() => {
      try {
        couplePlan(set, rowsOf(set), 0, 1, new Rng(1));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CouplingLimitError);
    expect((err as CouplingLimitError).rows).toBe(EXACT_W2_MAX + 1);
    expect((err as Error).message).toBe(`the exact coupling is limited to ${EXACT_W2_MAX} rows per condition (λ = 0 has ${EXACT_W2_MAX + 1})`);
  });

  it('names the samples per anchor that fit, and a class-stratified subsample of that size does fit', () => {
    expect(samplesPerAnchorThatFit(classes([EXACT_W2_MAX, 500]))).toBeNull();
    // The last anchor is never a coupling's source (a larger one is subsampled to the limit there).
    const lastOnly: AnchorSet = { ...classes([10]), anchors: [classes([10]).anchors[0], classes([EXACT_W2_MAX + 500]).anchors[1]] };
    expect(samplesPerAnchorThatFit(lastOnly)).toBeNull();
    const big = classes([5000, 1000, 1000, 1000], 3);
    const fit = samplesPerAnchorThatFit(big)!;
    expect(fit).toBe(Math.floor((EXACT_W2_MAX * 8000) / 5000));
    const sub = subsampleAnchors(big, fit, 3);
    const largest = Math.max(...sub.anchors.map((a) => a.label!.filter((c) => c === 0).length));
    expect(largest).toBeLessThanOrEqual(EXACT_W2_MAX);
    expect(samplesPerAnchorThatFit(sub)).toBeNull();
    // Without classes the whole anchor is one group: the limit itself.
    const plain: AnchorSet = { source: 'plain', dimY: 1, condition: { kind: 'none' }, anchors: [0, 1].map((k) => ({ lambda: k, n: 4500, y: new Float32Array(4500) })) };
    expect(samplesPerAnchorThatFit(plain)).toBe(EXACT_W2_MAX);
    // A continuous condition whose three values recur: the subsample does not stratify by value, so
    // only N = the limit is sure to fit (a share of 3 × 4,000 would leave a value above it about half the time).
    const values = (n: number) => Float32Array.from({ length: n }, (_, i) => i % 3);
    const recurring: AnchorSet = {
      source: 'recurring',
      dimY: 1,
      condition: { kind: 'continuous', dim: 1 },
      anchors: [0, 1].map((k) => ({ lambda: k, n: 18000, y: new Float32Array(18000), c: values(18000) })),
    };
    expect(samplesPerAnchorThatFit(recurring)).toBe(EXACT_W2_MAX);
    expect(() => assertCouplingFits(subsampleAnchors(recurring, EXACT_W2_MAX, 0))).not.toThrow();
  });
});


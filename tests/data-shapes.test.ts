import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';
import { Metric } from '../src/core/geometry/metric';
import { dense } from '../src/core/tfjs/dense';
import type { AnchorSet } from '../src/core/data/types';
import { computeFields } from '../src/core/clot/fields';
import { Rng } from '../src/core/random';
import type { ClotSurrogate } from '../src/core/surrogate/clot';
import { createSurrogate, trainSurrogate } from '../src/core/surrogate/build';
import { anchorFidelity } from '../src/core/surrogate/fidelity';
import { evaluateSurrogate } from '../src/core/surrogate/evaluate';
import { BASELINES, type Method } from '../src/core/sampling/types';

/**
 * Every shape of valid data trains and samples, through the CSV loader, with
 * the default CLOT method and with every baseline. Tiny networks and few
 * steps: this checks that nothing breaks on the shape, not quality.
 */

const TINY = { hidden: [16, 16], metricHidden: [8], pathHidden: [16], pathPretrainSteps: 10, iterations: 20, seed: 3 };

type Row = { lambda: number; y: number[]; cond?: number | number[] };

/** Writes rows as the long CSV format: lambda, y0…, then class or c0…. */
function toCsv(rows: Row[], D: number, cond: 'none' | 'class' | number): string {
  const head = ['lambda', ...Array.from({ length: D }, (_, d) => `y${d}`)];
  if (cond === 'class') head.push('class');
  else if (typeof cond === 'number') for (let c = 0; c < cond; c++) head.push(`c${c}`);
  const lines = [head.join(',')];
  for (const r of rows) {
    const cells = [r.lambda, ...r.y.map((v) => v.toFixed(5))];
    if (r.cond !== undefined) cells.push(...(Array.isArray(r.cond) ? r.cond : [r.cond]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const LAMBDAS = [0, 0.5, 1];

/** A Gaussian cloud per anchor that drifts with λ (and with the label or condition). */
function shapes(): Record<string, { csv: string; n: number[]; D: number }> {
  const rng = new Rng(11);
  const g = () => 0.3 * rng.normal();
  const out: Record<string, { csv: string; n: number[]; D: number }> = {};

  // One class value only: the `class` column holds 7 on every row.
  {
    const rows: Row[] = [];
    for (const l of LAMBDAS) for (let i = 0; i < 40; i++) rows.push({ lambda: l, y: [l + g(), 2 * l + g()], cond: 7 });
    out['a class column with a single value'] = { csv: toCsv(rows, 2, 'class'), n: [40, 40, 40], D: 2 };
  }
  // No condition column.
  {
    const rows: Row[] = [];
    for (const l of LAMBDAS) for (let i = 0; i < 40; i++) rows.push({ lambda: l, y: [Math.cos(l) + g(), Math.sin(l) + g()] });
    out['no condition column'] = { csv: toCsv(rows, 2, 'none'), n: [40, 40, 40], D: 2 };
  }
  // One sample per continuous condition value, like ETT windows: each input once per anchor.
  {
    const xs = Array.from({ length: 30 }, () => [rng.normal(), rng.normal()]);
    const rows: Row[] = [];
    for (const l of LAMBDAS) for (const x of xs) rows.push({ lambda: l, y: [x[0] * (1 + l) + 0.05 * g(), x[1] - l + 0.05 * g(), l * x[0] * x[1]], cond: x });
    out['one sample per continuous condition value'] = { csv: toCsv(rows, 3, 2), n: [30, 30, 30], D: 3 };
  }
  // D = 1 outputs, two classes.
  {
    const rows: Row[] = [];
    for (const l of LAMBDAS) for (let k = 0; k < 2; k++) for (let i = 0; i < 25; i++) rows.push({ lambda: l, y: [3 * k + l + g()], cond: k });
    out['D = 1 outputs'] = { csv: toCsv(rows, 1, 'class'), n: [50, 50, 50], D: 1 };
  }
  // Anchors of 50, 80 and 65 rows, with per-class counts that differ between anchors.
  {
    const perClass = [[20, 30], [55, 25], [30, 35]];
    const rows: Row[] = [];
    LAMBDAS.forEach((l, a) => {
      for (let k = 0; k < 2; k++) for (let i = 0; i < perClass[a][k]; i++) rows.push({ lambda: l, y: [2 * k + l + g(), l * k + g()], cond: k });
    });
    out['anchors with different sample counts'] = { csv: toCsv(rows, 2, 'class'), n: [50, 80, 65], D: 2 };
  }
  return out;
}

const SHAPES = shapes();
const METHODS: Method[] = ['full', ...BASELINES];

function loaded(name: string): AnchorSet {
  const set = parseAnchorCsv(SHAPES[name].csv, `${name}.csv`);
  expect(set.anchors.map((a) => a.n)).toEqual(SHAPES[name].n);
  expect(set.dimY).toBe(SHAPES[name].D);
  return set;
}

describe.each(Object.keys(SHAPES))('data shape: %s', (name) => {
  it.each(METHODS)('%s trains and samples finite outputs at an interior λ', async (method) => {
    const data = loaded(name);
    // The full method with a fixed weight, so that the potential is built on every shape ('auto' drops it
    // for these small clouds, which would leave its code untested here).
    // Likewise the metric learns on every shape ('auto' holds it at G = I for most of them).
    const s = createSurrogate(data, method, method === 'full' ? { ...TINY, alpha: 0.1, learnMetric: 'always' } : TINY);
    try {
      expect(await trainSurrogate(s)).toBe(true);
      const n0 = data.anchors[0].n;
      const out = await s.sampler({ n: n0, seed: 1 }).sample(0.3);
      expect(out.n).toBe(n0);
      expect(out.y).toHaveLength(n0 * data.dimY);
      expect(out.y.every(Number.isFinite)).toBe(true);
      if (method === 'full') {
        const fid = await anchorFidelity(s);
        expect(fid).toHaveLength(data.anchors.length);
        for (const f of fid) {
          expect(Number.isFinite(f.w2)).toBe(true);
          expect(Number.isFinite(f.ratio)).toBe(true);
        }
        // The views' metric and potential fields on a small grid of the first two (or only) dims.
        const dims: [number, number] = [0, Math.min(1, data.dimY - 1)];
        const fields = await computeFields((s as ClotSurrogate).model, { x: [-1, 1], y: [-1, 1], nx: 3, ny: 3, dims, classIndex: 0 });
        expect(fields.metric!.every(Number.isFinite)).toBe(true);
        expect(fields.potential!.every(Number.isFinite)).toBe(true);
      }
    } finally {
      s.dispose();
    }
  });
});

describe('equal outputs at the first anchor', () => {
  it('a point mass at λ_0, given back as start rows (as hti eval does), follows every coupled partner instead of collapsing', async () => {
    const rng = new Rng(12);
    const rows: Row[] = [];
    for (const l of LAMBDAS) for (let i = 0; i < 60; i++) rows.push({ lambda: l, y: l === 0 ? [0, 0] : [2 * l + 0.3 * rng.normal(), 0.3 * rng.normal()] });
    const data = parseAnchorCsv(toCsv(rows, 2, 'none'), 'point-mass.csv');
    const s = createSurrogate(data, 'euclidean', TINY);
    try {
      await trainSurrogate(s);
      const result = await evaluateSurrogate(s, data);
      for (const row of result.rows.filter((r) => r.lambda > 0)) {
        // Each start row (0, 0) is the same first-anchor row seen 60 times; handed out in turn they reach all 60 partners.
        expect(row.spreadRatio).toBeCloseTo(1, 5);
        expect(row.w2).toBeLessThan(1e-5);
      }
    } finally {
      s.dispose();
    }
  });
});

describe('hti CLI on a single-class CSV', () => {
  const root = join(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'hti-shapes-'));
  const hti = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/hti.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('train, sample and eval work (default method, a few steps)', () => {
    const data = join(dir, 'one-class.csv');
    const model = join(dir, 'model.json');
    writeFileSync(data, SHAPES['a class column with a single value'].csv);
    const t = hti('train', data, '--out', model, '--iters', '3', '--seed', '2');
    expect(t.code, t.err).toBe(0);
    expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('hti-clot-model');
    const s = hti('sample', model, '--lambda', '0.3', '--n', '6');
    expect(s.code, s.err).toBe(0);
    const lines = s.out.trim().split('\n');
    expect(lines[0]).toBe('lambda,y0,y1,class');
    expect(lines).toHaveLength(7);
    for (const line of lines.slice(1)) {
      const cells = line.split(',').map(Number);
      expect(cells.every(Number.isFinite)).toBe(true);
      expect(cells[3]).toBe(7); // the label as written in the file
    }
    const e = hti('eval', model, data);
    expect(e.code, e.err).toBe(0);
    expect(e.out).toMatch(/W2\[class 7\]/);
  });
});

describe('D = 1 and single-class internals', () => {
  it('a product over an empty shared dimension is zeros, with zero gradients (wasm XNNPACK would return uninitialised memory)', async () => {
    const x = tf.ones([5, 0]) as tf.Tensor2D;
    const w = tf.ones([0, 3]) as tf.Tensor2D;
    expect(Array.from(await dense(x, w).data())).toEqual(new Array(15).fill(0));
    // The case that reached it: the rotation outputs of a D = 1 metric, [P, O] · [O, 0], differentiated.
    const out = tf.variable(tf.ones([4, 2]));
    const grads = tf.grads((o: tf.Tensor) => tf.add(tf.sum(dense(o, tf.zeros([2, 0]))), tf.sum(o)))([out]);
    expect(Array.from(await grads[0].data())).toEqual(new Array(8).fill(1));
    out.dispose();
  });

  it('the learned metric for D = 1 is G = 1 with finite, zero weight gradients', async () => {
    const metric = new Metric('learned', 1, [8], { kind: 'none' }, new Rng(0));
    const q = tf.tensor2d([[-1], [0.2], [3]]);
    const delta = tf.tensor2d([[0.5], [-2], [1]]);
    expect(Array.from(await metric.quadForm(q, null, delta).data())).toEqual([0.25, 4, 1]);
    const { grads } = tf.variableGrads(() => tf.sum(metric.quadForm(q, null, delta)) as tf.Scalar, metric.variables);
    for (const g of Object.values(grads)) for (const v of await g.data()) expect(v).toBe(0);
    expect(Array.from(await metric.matrices(q, null).data())).toEqual([1, 1, 1]);
    metric.dispose();
  });

  it('the fixed-eigenvalue variants refuse D = 1 with a one-line message', () => {
    const data = loaded('D = 1 outputs');
    expect(() => createSurrogate(data, 'fixed-metric', TINY)).toThrow(/the fixed-metric variant needs 2-D outputs; this data has D = 1/);
  });
});

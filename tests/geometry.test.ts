import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { E_MAX, E_MIN, Metric } from '../src/core/geometry/metric';
import { DensityPotential } from '../src/core/geometry/potential';
import { SplineBasis } from '../src/core/geometry/spline';
import { Rng } from '../src/core/random';

describe('spline basis', () => {
  const basis = new SplineBasis(15);
  const at = (s: number) => {
    const out = new Float64Array(15);
    basis.evalInto(s, out);
    return out;
  };

  it('vanishes at both ends and interpolates its nodes', () => {
    expect(Math.max(...at(0).map(Math.abs))).toBe(0);
    expect(Math.max(...at(1).map(Math.abs))).toBeLessThan(1e-12);
    for (let i = 1; i <= 15; i++) {
      const row = at(i / 16);
      row.forEach((v, j) => expect(v).toBeCloseTo(j === i - 1 ? 1 : 0, 10));
    }
  });

  it('is a cubic spline: value, slope and curvature continuous across nodes', () => {
    const h = 1e-4;
    for (const node of [3 / 16, 8 / 16, 15 / 16]) {
      const f = (s: number) => at(s)[4] + 0.3 * at(s)[7] - 0.7 * at(s)[14];
      // Second-order one-sided differences from each side.
      const slopeL = (3 * f(node) - 4 * f(node - h) + f(node - 2 * h)) / (2 * h);
      const slopeR = (-3 * f(node) + 4 * f(node + h) - f(node + 2 * h)) / (2 * h);
      expect(Math.abs(slopeL - slopeR)).toBeLessThan(1e-3 * Math.max(1, Math.abs(slopeL)));
      const curvL = (f(node) - 2 * f(node - h) + f(node - 2 * h)) / (h * h);
      const curvR = (f(node + 2 * h) - 2 * f(node + h) + f(node)) / (h * h);
      expect(Math.abs(curvL - curvR)).toBeLessThan(0.05 * Math.max(1, Math.abs(curvL)));
    }
  });

  it('evaluates the same matrix the energy uses', () => {
    const m = basis.matrix(20);
    const row = at(7 / 19);
    row.forEach((v, j) => expect(m[7 * 15 + j]).toBeCloseTo(v, 6));
  });
});

describe('metric', () => {
  it.each([2, 3, 4])('learned metric is symmetric positive definite with fixed trace (D = %i)', (D) => {
    const metric = new Metric('learned', D, [16, 16], { kind: 'none' }, new Rng(3));
    // A fresh metric is isotropic everywhere (tested below): give the output layer random weights so that
    // the eigenvalues and rotations vary from point to point.
    const W = metric.net!.vars.get('W2')!;
    W.assign(tf.randomNormal(W.shape, 0, 1, 'float32', 7));
    const q = tf.randomNormal([50, D], 0, 2, 'float32', 4) as tf.Tensor2D;
    const G = metric.matrices(q, null);
    const g = G.arraySync() as number[][][];
    for (const M of g) {
      let trace = 0;
      for (let i = 0; i < D; i++) {
        trace += M[i][i];
        for (let j = 0; j < D; j++) expect(M[i][j]).toBeCloseTo(M[j][i], 5);
      }
      expect(trace).toBeCloseTo(D * E_MIN + (E_MAX - E_MIN), 4);
      // Positive definite: xᵀ G x ≥ E_MIN |x|² for random x.
      for (let t = 0; t < 5; t++) {
        const x = Array.from({ length: D }, () => Math.random() - 0.5);
        let quad = 0;
        for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) quad += x[i] * M[i][j] * x[j];
        expect(quad).toBeGreaterThanOrEqual(E_MIN * x.reduce((s, v) => s + v * v, 0) - 1e-5);
      }
    }
    // quadForm agrees with the full matrices.
    const delta = tf.randomNormal([50, D], 0, 1, 'float32', 5) as tf.Tensor2D;
    const quad = metric.quadForm(q, null, delta).arraySync() as number[];
    const d = delta.arraySync() as number[][];
    quad.forEach((v, p) => {
      let ref = 0;
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) ref += d[p][i] * g[p][i][j] * d[p][j];
      expect(v).toBeCloseTo(ref, 4);
    });
  });

  it.each([2, 3])('a fresh learned metric is the same multiple of I at every point, so first paths are straight (D = %i)', (D) => {
    const metric = new Metric('learned', D, [16, 16], { kind: 'class', numClasses: 3, embedDim: 4 }, new Rng(5));
    const q = tf.randomNormal([40, D], 0, 3, 'float32', 6) as tf.Tensor2D;
    const labels = tf.tensor1d(Array.from({ length: 40 }, (_, i) => i % 3), 'int32');
    const each = (E_MIN * D + (E_MAX - E_MIN)) / D;
    for (const M of metric.matrices(q, labels).arraySync() as number[][][]) {
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) expect(M[i][j]).toBeCloseTo(i === j ? each : 0, 5);
    }
  });

  it('a fresh learned metric still learns: steps on the cost of moving along x make x the cheap direction', () => {
    const metric = new Metric('learned', 2, [16, 16], { kind: 'none' }, new Rng(8));
    const q = tf.randomNormal([64, 2], 0, 1, 'float32', 9) as tf.Tensor2D;
    const along = tf.tile(tf.tensor2d([[1, 0]]), [64, 1]) as tf.Tensor2D;
    const opt = tf.train.adam(0.02);
    for (let t = 0; t < 40; t++) opt.minimize(() => tf.mean(metric.quadForm(q, null, along)) as tf.Scalar, false, metric.variables);
    const G = metric.matrices(q, null).arraySync() as number[][][];
    for (const M of G) {
      expect(M[0][0]).toBeLessThan(0.3);
      expect(M[1][1]).toBeGreaterThan(0.8);
    }
  });

  it('a fresh fixed-eigenvalue metric has the same axes at every point', () => {
    const metric = new Metric('fixed', 2, [8], { kind: 'none' }, new Rng(4));
    const G = metric.matrices(tf.randomNormal([20, 2], 0, 3, 'float32', 3) as tf.Tensor2D, null).arraySync() as number[][][];
    for (const M of G) {
      expect(M[0][0]).toBeCloseTo(1, 5);
      expect(M[0][1]).toBeCloseTo(0, 5);
      expect(M[1][1]).toBeCloseTo(0.1, 5);
    }
  });

  it('fixed-eigenvalue metric has eigenvalues 1 and 0.1', () => {
    const metric = new Metric('fixed', 2, [8], { kind: 'none' }, new Rng(1));
    // Random angles from point to point (a fresh one has angle 0 everywhere, tested above).
    const W = metric.net!.vars.get('W1')!;
    W.assign(tf.randomNormal(W.shape, 0, 1, 'float32', 8));
    const G = metric.matrices(tf.randomNormal([10, 2], 0, 1, 'float32', 2) as tf.Tensor2D, null).arraySync() as number[][][];
    for (const [[a, b], [, d]] of G) {
      const tr = a + d;
      const det = a * d - b * b;
      const disc = Math.sqrt(tr * tr - 4 * det);
      expect((tr + disc) / 2).toBeCloseTo(1, 4);
      expect((tr - disc) / 2).toBeCloseTo(0.1, 4);
    }
  });
});

describe('density potential', () => {
  // Two pooled points of class 0 and one of class 1, in 2-D.
  const pool = { dim: 2, y: new Float32Array([0, 0, 1, 0, 5, 5]), label: new Int32Array([0, 0, 1]), numClasses: 2, condDim: 0 };
  const h = 0.5;
  const kde = (x: number, y: number, pts: number[][]) =>
    pts.reduce((s, [a, b]) => s + Math.exp(-((x - a) ** 2 + (y - b) ** 2) / (2 * h * h)), 0) / (pts.length * 2 * Math.PI * h * h);

  it('matches a hand computation of the class-conditional KDE, shifted so that U ≤ 0', () => {
    const pot = new DensityPotential(pool, h, 1, { grid: 0, maxPool: 100, neighbours: 8 }, new Rng(0));
    const hand = Math.log(kde(0.3, 0.2, [[0, 0], [1, 0]]) + 1e-8);
    expect(pot.logDensityAt([0.3, 0.2], 0)).toBeCloseTo(hand, 5);
    const lr = pot.logRatio(tf.tensor2d([[0.3, 0.2], [0.3, 0.2]]), { labels: tf.tensor1d([0, 1], 'int32') }).arraySync() as number[];
    expect(lr[0]).toBeCloseTo(hand - pot.logPeak, 4);
    // Far from class 1's only sample the density is tiny: log ratio strongly negative, so U = α·ratio < 0 costs more.
    expect(lr[1]).toBeLessThan(lr[0] - 10);
    expect(Math.max(...lr)).toBeLessThanOrEqual(1e-6);
  });

  it('the cached grid agrees with the exact KDE', () => {
    const exact = new DensityPotential(pool, h, 1, { grid: 0, maxPool: 100, neighbours: 8 }, new Rng(0));
    const grid = new DensityPotential(pool, h, 1, { grid: 128, maxPool: 100, neighbours: 8 }, new Rng(0));
    expect(grid.mode).toBe('grid');
    const q = tf.tensor2d([[0.3, 0.2], [0.7, -0.4], [0.5, 0.1]]);
    const labels = tf.tensor1d([0, 0, 0], 'int32');
    const a = exact.logRatio(q, { labels }).arraySync() as number[];
    const b = grid.logRatio(q, { labels }).arraySync() as number[];
    a.forEach((v, i) => expect(b[i] + grid.logPeak).toBeCloseTo(v + exact.logPeak, 1));
  });

  it.each(['nearest', 'kde'] as const)('the 3-D grid agrees with the exact KDE, and its gradient with its own differences (%s kernel)', (kernel) => {
    // 60 samples on a thin helix and 40 of a second class in a blob, h = 0.15; query points on and beside the data.
    const rng = new Rng(5);
    const ys: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = 3 * rng.next();
      ys.push(...(i < 60 ? [Math.cos(t) + 0.05 * rng.normal(), Math.sin(t) + 0.05 * rng.normal(), 0.4 * t] : [0.3 * rng.normal(), 0.3 * rng.normal(), 2 + 0.3 * rng.normal()]));
      labels.push(i < 60 ? 0 : 1);
    }
    const pool3 = { dim: 3, y: Float32Array.from(ys), label: Int32Array.from(labels), numClasses: 2, condDim: 0 };
    const opts = (grid: number) => ({ grid, maxPool: 1000, neighbours: 8, kernel: kernel, depth: 0 });
    const exact = new DensityPotential(pool3, 0.15, 1, opts(0), new Rng(0));
    const grid = new DensityPotential(pool3, 0.15, 1, opts(128), new Rng(0));
    expect(exact.mode).toBe('exact');
    expect(grid.mode).toBe('grid');
    // Peaks (the largest kernel sits at a sample; the grid's at a cell near one) within 0.1 in log units.
    expect(grid.logPeak).toBeCloseTo(exact.logPeak, 1);
    const pts = [[Math.cos(1), Math.sin(1), 0.4], [Math.cos(2) + 0.1, Math.sin(2), 0.8], [0.5, 0.5, 0.6], [0.1, -0.2, 2.1], [0.2, 0.1, 1.9]];
    const q = tf.tensor2d(pts);
    const ctx = { labels: tf.tensor1d([0, 0, 0, 1, 1], 'int32') };
    const a = exact.logRatio(q, ctx).arraySync() as number[];
    const b = grid.logRatio(q, ctx).arraySync() as number[];
    // Absolute log densities within 0.25 (cells of at most one bandwidth: 1/8 per axis for the log of one kernel).
    a.forEach((v, i) => expect(Math.abs(b[i] + grid.logPeak - (v + exact.logPeak))).toBeLessThan(0.25));
    // The gradient the trilinear lookup writes out matches central differences of its own values (eps well inside a cell).
    const g = tf.grad((x: tf.Tensor) => tf.sum(grid.logRatio(x as tf.Tensor2D, ctx)))(q).arraySync() as number[][];
    const eps = 1e-3;
    pts.forEach((p, i) => {
      for (let d = 0; d < 3; d++) {
        const at = (delta: number) => (grid.logRatio(tf.tensor2d([p.map((v, e) => (e === d ? v + delta : v))]), { labels: tf.tensor1d([i < 3 ? 0 : 1], 'int32') }).arraySync() as number[])[0];
        const fd = (at(eps) - at(-eps)) / (2 * eps);
        expect(Math.abs(g[i][d] - fd)).toBeLessThan(0.02 * Math.max(1, Math.abs(fd)));
      }
    });
    exact.dispose();
    grid.dispose();
  });

  it.each(['nearest', 'kde'] as const)('the exact KDE in 4-D matches plain sums, and its written-out gradient their central differences (%s kernel)', (kernel) => {
    // Three classes in 4-D (the third with no samples at all), h = 0.4; queries near and between the samples.
    const rng = new Rng(11);
    const ys = Float32Array.from({ length: 4 * 50 }, (_, i) => (Math.floor(i / 4) % 2 ? 1.5 : 0) + 0.5 * rng.normal());
    const pool4 = { dim: 4, y: ys, label: Int32Array.from({ length: 50 }, (_, i) => i % 2), numClasses: 3, condDim: 0 };
    const pot = new DensityPotential(pool4, 0.4, 1, { grid: 64, maxPool: 1000, neighbours: 8, kernel, depth: 0 }, new Rng(0));
    expect(pot.mode).toBe('exact');
    const pts = Array.from({ length: 6 }, (_, i) => Array.from({ length: 4 }, () => (i % 2 ? 1.5 : 0) + 0.6 * rng.normal()));
    const cls = [0, 1, 0, 1, 1, 0];
    const ratio = pot.logRatio(tf.tensor2d(pts), { labels: tf.tensor1d(cls, 'int32') }).arraySync() as number[];
    pts.forEach((p, i) => expect(ratio[i] + pot.logPeak).toBeCloseTo(pot.logDensityAt(p, cls[i]), 3));
    const g = tf.grad((x: tf.Tensor) => tf.sum(pot.logRatio(x as tf.Tensor2D, { labels: tf.tensor1d(cls, 'int32') })))(tf.tensor2d(pts)).arraySync() as number[][];
    const eps = 1e-4;
    pts.forEach((p, i) => {
      for (let d = 0; d < 4; d++) {
        const at = (delta: number) => pot.logDensityAt(p.map((v, e) => (e === d ? v + delta : v)), cls[i]);
        const fd = (at(eps) - at(-eps)) / (2 * eps);
        expect(Math.abs(g[i][d] - fd)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
      }
    });
    // A class with no pooled samples has p̂ = 0 everywhere: the floor, and no pull.
    const empty = tf.tensor2d([pts[0]]);
    expect((pot.logRatio(empty, { labels: tf.tensor1d([2], 'int32') }).arraySync() as number[])[0]).toBeCloseTo(Math.log(1e-8) - pot.logPeak, 3);
    const gEmpty = tf.grad((x: tf.Tensor) => tf.sum(pot.logRatio(x as tf.Tensor2D, { labels: tf.tensor1d([2], 'int32') })))(empty).arraySync() as number[][];
    for (const v of gEmpty[0]) expect(Math.abs(v)).toBe(0);
    pot.dispose();
  });

  it('a 3-D grid is sized by the bandwidth, and a pool whose tables would pass the budget keeps the exact KDE', () => {
    // 40 points spread over the unit cube; at h = 0.01 cells of one bandwidth take 109 per axis (1.3M cells per class).
    const y = Float32Array.from({ length: 120 }, (_, i) => (i * 0.37) % 1);
    const opts = { grid: 128, maxPool: 100, neighbours: 8 };
    const oneClass = { dim: 3, y, label: new Int32Array(40), numClasses: 1, condDim: 0 };
    expect(new DensityPotential(oneClass, 0.01, 1, opts, new Rng(0)).mode).toBe('grid');
    // Six classes of such tables fit the 8M-cell budget; seven do not.
    const classes = (k: number) => ({ ...oneClass, label: Int32Array.from({ length: 40 }, (_, i) => i % k), numClasses: k });
    expect(new DensityPotential(classes(6), 0.01, 1, opts, new Rng(0)).mode).toBe('grid');
    expect(new DensityPotential(classes(7), 0.01, 1, opts, new Rng(0)).mode).toBe('exact');
    // No grid asked for: exact.
    expect(new DensityPotential(oneClass, 0.01, 1, { ...opts, grid: 0 }, new Rng(0)).mode).toBe('exact');
  });

  it('Nadaraya–Watson weights samples by how close their conditions are', () => {
    const nwPool = { dim: 1, y: new Float32Array([0, 10]), numClasses: 0, c: new Float32Array([0, 5]), condDim: 1 };
    const pot = new DensityPotential(nwPool, 0.5, 1, { grid: 0, maxPool: 100, neighbours: 2 }, new Rng(0));
    expect(pot.mode).toBe('nw');
    // At condition 0 nearly all weight is on the sample at y = 0.
    expect(pot.logDensityAt([0], 0, [0])).toBeGreaterThan(pot.logDensityAt([10], 0, [0]) + 5);
    const { idx, w } = pot.neighboursFor(new Float32Array([0]), 1);
    expect(idx[0]).toBe(0);
    expect(w[0]).toBeGreaterThan(0.99);
    expect(w[0] + w[1]).toBeCloseTo(1, 6);
  });
});

describe('path cost gradients', () => {
  // The 'nearest' potential is the largest kernel: exact gradients, but kinks where the nearest sample changes,
  // which central differences with eps = 1e-3 can straddle (seen: −270 against an exact −304), so it takes 1e-4.
  // Unclipped potential (depth 0): the default clip at depth 3 adds a kink of its own at every point 2.4
  // bandwidths from the data, where central differences straddle it just the same.
  it.each([
    ['full', 'nearest'],
    ['full', 'kde'],
    ['metric', 'nearest'],
    ['euclidean+potential', 'nearest'],
    ['euclidean+potential', 'kde'],
  ] as const)('match finite differences (%s, %s potential)', async (variant, potentialKernel) => {
    const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 5, 2), { variant, potentialKernel, potentialGrid: 0, potentialDepth: 0, seed: 3 });
    const g = model.geometry;
    const B = 4;
    const rows = { n: B, y: model.rows[0].y.slice(0, 2 * B), label: model.rows[0].label!.slice(0, B) };
    const y = tf.tensor2d(rows.y, [B, 2]);
    const labels = tf.tensor1d(rows.label, 'int32');
    const ctx = g.context(B, labels, model.densityContext(rows));
    const z0 = Float32Array.from(model.rows[1].y.slice(0, 2 * B));
    const cost = (z: tf.Tensor) => tf.sum(g.cost(g.path(y, z as tf.Tensor2D, model.phi(y, z as tf.Tensor2D, labels)), ctx));
    const grad = (await tf.grad(cost)(tf.tensor2d(z0, [B, 2])).data()) as Float32Array;
    const eps = potentialKernel === 'nearest' ? 1e-4 : 1e-3;
    let checked = 0;
    for (let i = 0; i < z0.length; i++) {
      const plus = Float32Array.from(z0);
      const minus = Float32Array.from(z0);
      plus[i] += eps;
      minus[i] -= eps;
      const fd = ((await cost(tf.tensor2d(plus, [B, 2])).data())[0] - (await cost(tf.tensor2d(minus, [B, 2])).data())[0]) / (2 * eps);
      expect(Math.abs(grad[i] - fd)).toBeLessThan(0.03 * Math.max(1, Math.abs(fd)));
      checked++;
    }
    expect(checked).toBe(2 * B);
    model.dispose();
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chargedCost, tukeyFence } from '../src/core/clot/detour';
import { ClotModel } from '../src/core/clot/model';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { solveAssignment } from '../src/core/metrics/assignment';

describe('the detour charge of the Lagrangian recoupling', () => {
  it('puts the Tukey fence at Q3 + 1.5·IQR (linear-interpolated quartiles)', () => {
    // 1..8: Q1 = 2.75, Q3 = 6.25, fence 6.25 + 1.5·3.5 = 11.5, whatever the order.
    expect(tukeyFence([8, 1, 7, 2, 6, 3, 5, 4])).toBeCloseTo(11.5, 12);
    expect(tukeyFence([0, 0, 0, 0, 9])).toBe(0);
    expect(tukeyFence([])).toBe(0);
  });

  // Eight rows at y = i moved to z = i + 0.5: the monotone pairing costs ½·0.25 per pair. Rows 0 and 7 also
  // have a shortcut to each other's partner region (½L² = 0.1, a chord across a hole in the data) that runs
  // far off the data; every other pair crosses the same narrow gap (0.2 off the data).
  const m = 8;
  const half = new Float64Array(m * m);
  const gap = new Float64Array(m * m).fill(0.2);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) half[i * m + j] = 0.5 * (j + 0.5 - i) ** 2;
  const off = gap.slice();
  for (const [i, j] of [[0, 7], [7, 0]]) {
    half[i * m + j] = 0.1;
    off[i * m + j] = 5;
  }
  const monotone = Array.from({ length: m }, (_, i) => i);

  it('without the charge the cheapest permutation takes the shortcut', () => {
    const match = Array.from(solveAssignment(half, m));
    expect(match[0]).toBe(7);
    expect(match[7]).toBe(0);
  });

  it('a pair running off the data far beyond the current pairs pays for it, and the shortcut is dropped', () => {
    const fence = tukeyFence(monotone.map((i) => off[i * m + i]));
    expect(fence).toBeCloseTo(0.2, 12);
    const cost = chargedCost(half, off, fence, 1);
    expect(cost[7]).toBeCloseTo(0.1 + 4.8, 12);
    expect(Array.from(solveAssignment(cost, m))).toEqual(monotone);
  });

  it('a gap that every pair crosses costs nothing extra', () => {
    const fence = tukeyFence(monotone.map((i) => gap[i * m + i]));
    expect(Array.from(chargedCost(half, gap, fence, 10))).toEqual(Array.from(half));
  });
});

describe('a path’s distance off the data', () => {
  it('is its segment lengths weighted by α times the depth of the potential at each segment’s start', async () => {
    const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 20, 1), { variant: 'euclidean+potential', potentialGrid: 0, seed: 2 });
    const g = model.geometry;
    const B = 3;
    const rows = { n: B, y: model.rows[0].y.slice(0, 2 * B), label: model.rows[0].label!.slice(0, B) };
    const y = tf.tensor2d(rows.y, [B, 2]);
    // Each row's partner: the row of the opposite class at the next anchor, so the paths cross empty space.
    const z = tf.tensor2d(model.rows[1].y.slice(2 * 40, 2 * 40 + 2 * B), [B, 2]);
    const ctx = g.context(B, tf.tensor1d(rows.label, 'int32'), model.densityContext(rows));
    const q = g.path(y, z, null);
    const [length, off] = (await g.lengthAndOffData(q, ctx).array()) as number[][];
    const expectedLength = await g.length(q, ctx).data();
    const pts = (await q.array()) as number[][][];
    for (let b = 0; b < B; b++) {
      expect(length[b]).toBeCloseTo(expectedLength[b], 5);
      const starts = pts[b].slice(0, -1);
      const ratio = (await model.potential!.logRatio(tf.tensor2d(starts), { labels: tf.fill([starts.length], rows.label[b], 'int32') as tf.Tensor1D }).data()) as Float32Array;
      let hand = 0;
      for (let i = 0; i < starts.length; i++) hand += Math.hypot(pts[b][i + 1][0] - starts[i][0], pts[b][i + 1][1] - starts[i][1]) * model.alpha * -ratio[i];
      expect(off[b]).toBeCloseTo(hand, 4);
      expect(off[b]).toBeGreaterThan(0);
    }
    model.dispose();
  });

  it('is 0 without a potential', async () => {
    const model = new ClotModel(semicirclesAnchorSet([0, 1], 5, 1), { variant: 'metric', seed: 1 });
    const g = model.geometry;
    const rows = { n: 2, y: model.rows[0].y.slice(0, 4), label: model.rows[0].label!.slice(0, 2) };
    const y = tf.tensor2d(rows.y, [2, 2]);
    const z = tf.tensor2d(model.rows[1].y.slice(0, 4), [2, 2]);
    const ctx = g.context(2, tf.tensor1d(rows.label, 'int32'), model.densityContext(rows));
    const [length, off] = (await g.lengthAndOffData(g.path(y, z, null), ctx).array()) as number[][];
    expect(off).toEqual([0, 0]);
    expect(length.every((l) => l > 0)).toBe(true);
    model.dispose();
  });
});

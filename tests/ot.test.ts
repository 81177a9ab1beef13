import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';
import { Sampler } from '../src/core/clot/sampler';
import type { AnchorSet } from '../src/core/data/types';
import { Rng } from '../src/core/random';

/**
 * K_I without potential: paths are straight lines and c = ½|y − y′|², so the
 * learned map must be the quadratic-cost OT map. For a Gaussian cloud and a
 * shifted, stretched copy the answer is known: T(y) = m + s (y − m0).
 */
describe('Euclidean variant without potential', () => {
  it('reproduces straight-line optimal transport on a case with a known answer', async () => {
    const rng = new Rng(11);
    const n = 150;
    const src = new Float32Array(2 * n);
    const tgt = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      src[2 * i] = 0.5 * rng.normal();
      src[2 * i + 1] = 0.5 * rng.normal();
      // Target law N((1.5, −0.5), diag(1, 0.25)²): OT map y ↦ (1.5 + 2 y0, −0.5 + 0.5 y1).
      tgt[2 * i] = 1.5 + rng.normal();
      tgt[2 * i + 1] = -0.5 + 0.25 * rng.normal();
    }
    const data: AnchorSet = {
      source: 'gaussians',
      dimY: 2,
      condition: { kind: 'none' },
      anchors: [
        { lambda: 0, n, y: src },
        { lambda: 2, n, y: tgt },
      ],
    };
    const model = new ClotModel(data, { variant: 'euclidean', iterations: 300, seed: 1, hidden: [32, 32] });
    expect(model.path).toBeNull(); // straight lines need no path network
    await trainSurrogate(new ClotSurrogate(model));
    const sampler = new Sampler(model);
    const end = await sampler.sample(2);
    const mid = await sampler.sample(0.5); // s = 1/4 of the way
    let err = 0;
    let identityErr = 0;
    let midErr = 0;
    const tx: number[] = [];
    const ty: number[] = [];
    for (let i = 0; i < n; i++) {
      const y0 = src[2 * i];
      const y1 = src[2 * i + 1];
      const t0 = 1.5 + 2 * y0;
      const t1 = -0.5 + 0.5 * y1;
      tx.push(end.y[2 * i]);
      ty.push(end.y[2 * i + 1]);
      err += Math.hypot(end.y[2 * i] - t0, end.y[2 * i + 1] - t1) / n;
      identityErr += Math.hypot(y0 - t0, y1 - t1) / n;
      // On a straight line a quarter of the way: y + (T(y) − y)/4, from the learned endpoint.
      midErr += Math.hypot(mid.y[2 * i] - (0.75 * y0 + 0.25 * end.y[2 * i]), mid.y[2 * i + 1] - (0.75 * y1 + 0.25 * end.y[2 * i + 1])) / n;
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    const corr = (a: number[], b: number[]) => mean(a.map((x, i) => (x - mean(a)) * (b[i] - mean(b)))) / (sd(a) * sd(b));
    // The OT map of these Gaussians is diagonal and linear: monotone in each coordinate.
    expect(corr(tx, Array.from({ length: n }, (_, i) => src[2 * i]))).toBeGreaterThan(0.95);
    expect(corr(ty, Array.from({ length: n }, (_, i) => src[2 * i + 1]))).toBeGreaterThan(0.9);
    expect(mean(tx)).toBeCloseTo(1.5, 0);
    expect(Math.abs(mean(ty) + 0.5)).toBeLessThan(0.1);
    // Even the exact discrete OT between these two samples is 0.30 from the population map (sampling noise);
    // the identity map is 1.7 away.
    expect(err).toBeLessThan(0.4);
    expect(err).toBeLessThan(identityErr / 4);
    expect(midErr).toBeLessThan(1e-5);
    model.dispose();
  });
});

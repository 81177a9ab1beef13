import { describe, expect, it } from 'vitest';
import { validateAnchorSet } from '../src/core/data/build';
import { anchorsOverLimit, chooseSorted, stratifiedQuotas, subsampleAnchors } from '../src/core/data/subsample';
import { Rng } from '../src/core/random';
import type { Anchor, AnchorSet } from '../src/core/data/types';

/** An anchor whose row i has y = (i, λ) and class `classOf(i)`. */
function anchor(lambda: number, n: number, classOf: (i: number) => number): Anchor {
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y.set([i, lambda], i * 2);
  return { lambda, n, y, label: Int32Array.from({ length: n }, (_, i) => classOf(i)) };
}

/** Three anchors with uneven classes: 60 % class 0, 30 % class 1, 10 % class 2. */
function unevenClasses(n: number): AnchorSet {
  const classOf = (i: number) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2);
  return {
    source: 'uneven.csv',
    dimY: 2,
    condition: { kind: 'class', values: [0, 1, 2] },
    anchors: [anchor(0, n, classOf), anchor(0.5, 500, classOf), anchor(1, n + 77, classOf)],
  };
}

const classCounts = (a: Anchor, k: number) => Array.from({ length: k }, (_, c) => a.label!.filter((l) => l === c).length);

describe('subsampleAnchors', () => {
  it('keeps at most the limit per anchor and leaves smaller anchors whole', () => {
    const set = unevenClasses(10_000);
    const out = subsampleAnchors(set, 1000, 0);
    expect(out.anchors.map((a) => a.n)).toEqual([1000, 500, 1000]);
    expect(out.anchors[1]).toBe(set.anchors[1]);
    expect(anchorsOverLimit(out, 1000)).toEqual([]);
    expect(() => validateAnchorSet(out)).not.toThrow();
  });

  it('keeps each class within one sample of its share', () => {
    const set = unevenClasses(10_001);
    const out = subsampleAnchors(set, 1001, 3);
    out.anchors.forEach((a, k) => {
      const before = classCounts(set.anchors[k], 3);
      const after = classCounts(a, 3);
      const n = set.anchors[k].n;
      after.forEach((c, j) => expect(Math.abs(c - (before[j] * a.n) / n)).toBeLessThan(1));
    });
  });

  it('keeps whole rows, in their original order, from the same anchor', () => {
    const out = subsampleAnchors(unevenClasses(5000), 700, 1);
    const a = out.anchors[0];
    const rows = Array.from({ length: a.n }, (_, i) => a.y[i * 2]);
    expect(rows).toEqual([...rows].sort((x, y) => x - y));
    expect(new Set(rows).size).toBe(a.n);
    rows.forEach((r, i) => {
      expect(a.y[i * 2 + 1]).toBe(0);
      expect(a.label![i]).toBe(r % 10 < 6 ? 0 : r % 10 < 9 ? 1 : 2);
    });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const set = unevenClasses(4000);
    const rows = (seed: number) => Array.from(subsampleAnchors(set, 300, seed).anchors[0].y);
    expect(rows(7)).toEqual(rows(7));
    expect(rows(7)).not.toEqual(rows(8));
  });

  it('subsamples continuous conditions with their rows, and data without a condition', () => {
    const n = 3000;
    const c = Float32Array.from({ length: n }, (_, i) => i);
    const y = Float32Array.from({ length: n }, (_, i) => -i);
    const cont: AnchorSet = {
      source: 'c.csv',
      dimY: 1,
      condition: { kind: 'continuous', dim: 1 },
      anchors: [0, 1].map((lambda) => ({ lambda, n, y, c })),
    };
    const out = subsampleAnchors(cont, 100, 0);
    for (const a of out.anchors) {
      expect(a.n).toBe(100);
      for (let i = 0; i < a.n; i++) expect(a.y[i]).toBe(-a.c![i]);
    }
    const none: AnchorSet = { ...cont, condition: { kind: 'none' }, anchors: cont.anchors.map(({ lambda, n, y }) => ({ lambda, n, y })) };
    expect(subsampleAnchors(none, 100, 0).anchors.map((a) => a.n)).toEqual([100, 100]);
  });
});

describe('stratifiedQuotas', () => {
  it('sums to the total and keeps a rare class present', () => {
    const q = stratifiedQuotas([9990, 9, 1], 100);
    expect(q.reduce((s, x) => s + x, 0)).toBe(100);
    expect(q[1]).toBeGreaterThanOrEqual(1);
    expect(q[2]).toBe(1);
  });

  it('keeps everything when the total is not smaller', () => {
    expect(stratifiedQuotas([3, 4], 10)).toEqual([3, 4]);
  });
});

describe('chooseSorted', () => {
  it('picks k distinct indices of [0, m) in ascending order, all of them when k ≥ m', () => {
    const picked = Array.from(chooseSorted(1_000_000, 500, new Rng(1)));
    expect(new Set(picked).size).toBe(500);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    expect(picked.every((i) => i >= 0 && i < 1_000_000)).toBe(true);
    expect(Array.from(chooseSorted(5, 9, new Rng(1)))).toEqual([0, 1, 2, 3, 4]);
  });

  it('picks every index about equally often', () => {
    const hits = new Array<number>(10).fill(0);
    const rng = new Rng(2);
    for (let r = 0; r < 4000; r++) for (const i of chooseSorted(10, 3, rng)) hits[i]++;
    for (const h of hits) expect(Math.abs(h - 1200)).toBeLessThan(150);
  });
});

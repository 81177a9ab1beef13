import { describe, expect, it } from 'vitest';
import { paceNote } from '../src/app/pace-note';
import type { SamplerSnapshot } from '../src/core/clot/snapshot';

/** A snapshot whose rows keep their own pace where `row` says (−1: the shared one); only groupPaces matters here. */
const snap = (row: number[] | null, groups = 1): SamplerSnapshot => ({
  lambdas: [0, 1, 2],
  D: 1,
  nodes: 2,
  n: row?.length ?? 0,
  yMean: [0],
  yScale: 1,
  chain: [],
  phis: [],
  ...(row ? { groupPaces: { lengths: Array.from({ length: groups }, () => [1, 2]), row: Int32Array.from(row) } } : {}),
});

describe('paceNote (which rows keep a pace of their own, for the geodesic caption)', () => {
  const classes = { kind: 'class' as const, values: [3, 5, 8] };

  it('says nothing where every row shares one pace', () => {
    expect(paceNote(snap(null), Int32Array.of(0, 1), classes)).toBeNull();
  });

  it('names the classes that keep their own, and says the others share one', () => {
    expect(paceNote(snap([0, 1, -1], 2), Int32Array.of(0, 1, 2), classes)).toBe('class 3 and class 5 keep their own pace across anchors; the others share one.');
    expect(paceNote(snap([-1, 0, 0], 1), Int32Array.of(0, 1, 1), classes)).toBe('class 5 keeps its own pace across anchors; the others share one.');
    expect(paceNote(snap([0, 1, 2], 3), Int32Array.of(0, 1, 2), classes)).toBe('class 3, class 5, class 8 keep their own pace across anchors.');
  });

  it('lists at most four classes, and counts a continuous condition’s values', () => {
    const many = { kind: 'class' as const, values: [0, 1, 2, 3, 4, 5] };
    expect(paceNote(snap([0, 1, 2, 3, 4, 5], 6), Int32Array.of(0, 1, 2, 3, 4, 5), many)).toBe(
      'class 0, class 1, class 2, class 3 and 2 more keep their own pace across anchors.',
    );
    expect(paceNote(snap([0, 1, -1], 2), null, { kind: 'continuous', dim: 1 })).toBe('2 condition values keep their own pace across anchors; the others share one.');
  });
});

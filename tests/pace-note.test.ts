import { describe, expect, it } from 'vitest';
import { paceNote } from '../src/app/pace-note';
import { widthNote } from '../src/app/width-note';
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

describe('widthNote (which groups follow which width law between anchors, for the geodesic caption)', () => {
  const profile = (powers: number[]) => ({ ...snap(null), widthProfile: { powers: Float64Array.from(powers), widths: new Float64Array(3 * powers.length), anchors: 3 } });
  const classes = { kind: 'class' as const, values: [3, 5, 8] };

  it('says nothing where widths stay as the paths leave them', () => {
    expect(widthNote(snap(null), { kind: 'none' })).toBeNull();
    expect(widthNote(profile([1, 1, 1]), classes)).toBeNull();
  });

  it('names the law, and whose width follows it', () => {
    expect(widthNote(profile([0]), { kind: 'none' })).toBe(
      "Between anchors the samples' width follows the law the interior anchors show: width changing by a constant factor, the geometric mean of the anchors' widths.",
    );
    expect(widthNote(profile([-2, 1, 1]), classes)).toBe(
      "Between anchors class 3's width follows the law its interior anchors show: inverse variance changing linearly; the other classes keep the widths their paths give.",
    );
  });

  it('groups classes by law, and counts a continuous condition’s values', () => {
    expect(widthNote(profile([0, -2, 0]), classes)).toBe(
      "Between anchors the widths of class 3 and class 8 (width changing by a constant factor, the geometric mean of the anchors' widths); class 5 (inverse variance changing linearly) follow the laws their interior anchors show.",
    );
    expect(widthNote(profile([2, 2, 1, 1]), { kind: 'continuous', dim: 1 })).toBe(
      'Between anchors the widths of 2 condition values (variance changing linearly) follow the laws their interior anchors show; the other condition values keep the widths their paths give.',
    );
    const many = { kind: 'class' as const, values: [0, 1, 2, 3, 4, 5] };
    expect(widthNote(profile([2, 2, 2, 2, 2, 2]), many)).toBe(
      'Between anchors the widths of class 0, class 1, class 2, class 3 and 2 more (variance changing linearly) follow the laws their interior anchors show.',
    );
  });
});

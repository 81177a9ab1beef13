import { describe, expect, it } from 'vitest';
import { placeLabels, trackScale } from '../src/app/components/lambda-track';

describe('trackScale', () => {
  it('is linear for evenly spaced anchors, anchors at or below 0, or span less than a factor of 20', () => {
    expect(trackScale([0, 0.5, 1]).kind).toBe('linear');
    expect(trackScale([-2, -1, 0, 1]).kind).toBe('linear');
    expect(trackScale([0, 0.001, 0.002, 0.5, 1]).kind).toBe('linear');
    expect(trackScale([1, 5, 10]).kind).toBe('linear');
    // A factor of 100, but evenly spaced in λ: a linear track shows it as it is.
    expect(trackScale([0.01, 0.5, 1]).kind).toBe('linear');
  });

  it('is logarithmic for log-spaced positive anchors, and maps the anchors to even fractions', () => {
    const s = trackScale([0.001, 0.01, 0.1]);
    expect(s.kind).toBe('log');
    expect(s.toFrac(0.001)).toBe(0);
    expect(s.toFrac(0.01)).toBeCloseTo(0.5, 12);
    expect(s.toFrac(0.1)).toBe(1);
    expect(s.fromFrac(0.5)).toBeCloseTo(0.01, 12);
    expect(s.fromFrac(0)).toBe(0.001);
    expect(s.fromFrac(1)).toBe(0.1);
    // The demo classifier's weight decays, 0.001 … 0.05, are log-spaced too.
    expect(trackScale([0.001, 0.003, 0.01, 0.02, 0.05]).kind).toBe('log');
  });

  it('round-trips λ through the fraction on both kinds, and clamps outside the anchors', () => {
    for (const anchors of [[0, 0.5, 1], [1e-4, 1e-3, 1e-2, 1e-1]]) {
      const s = trackScale(anchors);
      for (const u of [0, 0.1, 0.37, 0.5, 0.99, 1]) expect(s.toFrac(s.fromFrac(u))).toBeCloseTo(u, 10);
      expect(s.fromFrac(-0.2)).toBe(anchors[0]);
      expect(s.fromFrac(1.3)).toBe(anchors[anchors.length - 1]);
    }
  });
});

describe('placeLabels', () => {
  it('draws every label that fits', () => {
    const r = placeLabels([0, 0.5, 1], 300, () => 30);
    expect(r.shown).toEqual([true, true, true]);
    expect(r.hiddenNear).toEqual([[], [], []]);
  });

  it('leaves out labels that would sit on a kept one, always keeping both ends, and says which', () => {
    // Anchors 0, 0.001, 0.002, 0.5, 1 on a 300 px track: the three near 0 share one spot.
    const r = placeLabels([0, 0.001, 0.002, 0.5, 1], 300, () => 34);
    expect(r.shown).toEqual([true, false, false, true, true]);
    expect(r.hiddenNear[0]).toEqual([1, 2]);
    // A label close to the last end gives way to it.
    const s = placeLabels([0, 0.5, 0.99, 1], 300, () => 30);
    expect(s.shown).toEqual([true, true, false, true]);
    expect(s.hiddenNear[3]).toEqual([2]);
  });

  it('keeps the gap between neighbours', () => {
    // 30 px labels 32 px apart: 2 px of gap is less than the 4 asked for.
    expect(placeLabels([0, 32 / 300, 1], 300, () => 30).shown).toEqual([true, false, true]);
    expect(placeLabels([0, 34 / 300, 1], 300, () => 30).shown).toEqual([true, true, true]);
  });
});

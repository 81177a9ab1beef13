import { describe, expect, it } from 'vitest';
import { samplingFloor, spread } from '../src/core/metrics/spread';
import { Rng } from '../src/core/random';

describe('spread', () => {
  it('is the square root of the trace of the sample covariance', () => {
    // Two points 2 apart: variance ((−1)² + 1²) / (2 − 1) = 2 along x, 0 along y.
    expect(spread(Float32Array.of(0, 0, 2, 0), 2)).toBeCloseTo(Math.SQRT2, 6);
    // Corners of a square: trace 4 · 2 / 3.
    expect(spread(Float32Array.of(-1, -1, -1, 1, 1, -1, 1, 1), 2)).toBeCloseTo(Math.sqrt(8 / 3), 6);
  });

  it('scales with the points and ignores a shift', () => {
    const rng = new Rng(3);
    const y = Float32Array.from({ length: 3 * 50 }, () => rng.normal());
    const moved = y.map((v, i) => 3 * v + [10, -4, 7][i % 3]);
    expect(spread(moved, 3)).toBeCloseTo(3 * spread(y, 3), 4);
  });

  it('is 0 for a single row or identical rows', () => {
    expect(spread(Float32Array.of(4, 5), 2)).toBe(0);
    expect(spread(Float32Array.of(4, 5, 4, 5, 4, 5), 2)).toBe(0);
  });
});

describe('sampling floor', () => {
  it('is W2 between two disjoint halves: the distance of two single points for two rows', () => {
    expect(samplingFloor(Float32Array.of(0, 0, 3, 4), 2, new Rng(1))).toBeCloseTo(5, 6);
  });

  it('scales with the spread of the samples: a tight cluster against a wide one', () => {
    const rng = new Rng(7);
    const base = Float32Array.from({ length: 2 * 200 }, () => rng.normal());
    const tight = base.map((v) => 0.01 * v + 5);
    const wide = base.map((v) => 10 * v + 5);
    const floorTight = samplingFloor(tight, 2, new Rng(2));
    const floorWide = samplingFloor(wide, 2, new Rng(2));
    expect(floorTight).toBeGreaterThan(0);
    expect(floorWide / floorTight).toBeCloseTo(1000, 0);
  });

  it('is 0 for identical points and for fewer than two rows', () => {
    expect(samplingFloor(new Float32Array(2 * 40).fill(1.5), 2, new Rng(0))).toBe(0);
    expect(samplingFloor(Float32Array.of(1, 2), 2, new Rng(0))).toBe(0);
  });

  it('leaves one row out of an odd count', () => {
    // Rows 0, 4, 4 (1-D): halves of one row each, so 0 (the 0 was left out) or 4.
    const seen = new Set<number>();
    for (let s = 0; s < 20; s++) seen.add(Math.round(samplingFloor(Float32Array.of(0, 4, 4), 1, new Rng(s)) * 1e6) / 1e6);
    expect([...seen].sort()).toEqual([0, 4]);
  });
});

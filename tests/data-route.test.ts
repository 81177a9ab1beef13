import { describe, expect, it } from 'vitest';
import { routeDetours } from '../src/core/geometry/data-route';

const identity = (m: number) => Int32Array.from({ length: m }, (_, i) => i);
const rows = (pts: [number, number][]) => Float32Array.from(pts.flat());

describe('the route through the data between coupled samples', () => {
  it('stays on the chord where the data are collinear with it', () => {
    const a = rows(Array.from({ length: 10 }, (_, i) => [i / 10, 0]));
    const b = rows(Array.from({ length: 10 }, (_, i) => [0.5 + i / 10, 0]));
    for (const r of routeDetours(a, b, identity(10), 10, 2)) {
      expect(r.detour).toBeCloseTo(0, 6);
      expect(r.chord).toBeCloseTo(0.5, 6);
    }
  });

  it('follows an arc sliding along its circle: the sagitta over the chord, (1 − cos θ/2) / (2 sin θ/2)', () => {
    // A quarter circle and the same arc turned by a quarter turn, each point paired with its turned copy.
    const m = 41;
    const arc = (turn: number) => rows(Array.from({ length: m }, (_, i) => [Math.cos(turn + (i * Math.PI) / 2 / (m - 1)), Math.sin(turn + (i * Math.PI) / 2 / (m - 1))]));
    const sagitta = (1 - Math.cos(Math.PI / 4)) / (2 * Math.sin(Math.PI / 4));
    const detours = routeDetours(arc(0), arc(Math.PI / 2), identity(m), m, 2);
    expect(detours).toHaveLength(m);
    for (const r of detours) {
      expect(r.detour).toBeCloseTo(sagitta, 4);
      expect(r.chord).toBeCloseTo(Math.SQRT2, 5);
    }
  });

  it('goes round through the crossing where two legs of a Λ join the pair, far off the chord', () => {
    // Legs from (∓1, 0) up to the apex (0, 2); the feet are paired: chord 2, apex 2 above it.
    const m = 21;
    const left = rows(Array.from({ length: m }, (_, i) => [-1 + i / (m - 1), (2 * i) / (m - 1)]));
    const right = rows(Array.from({ length: m }, (_, i) => [1 - i / (m - 1), (2 * i) / (m - 1)]));
    const [feet] = routeDetours(left, right, identity(m), m, 2, 1);
    expect(feet.chord).toBeCloseTo(2, 6);
    expect(feet.detour).toBeGreaterThan(0.9);
    expect(feet.detour).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('crosses a gap straight: a cloud moved clear of itself', () => {
    // Two 3 × 3 grids of spacing 0.1, the second moved by 3 along x; each point paired with its moved copy.
    const grid = (dx: number) => rows(Array.from({ length: 9 }, (_, i) => [dx + 0.1 * (i % 3), 0.1 * Math.floor(i / 3)]));
    for (const r of routeDetours(grid(0), grid(3), identity(9), 9, 2)) expect(r.detour).toBeLessThan(0.04);
  });
});

describe('which pairs are traced', () => {
  it('spreads the traced pairs over the whole file, so a file sorted in space is traced at both ends', () => {
    // 40 rows along a line, sorted; a gap of 10 between the anchors. Tracing 4 pairs picks rows 0, 10, 20, 30.
    const a = rows(Array.from({ length: 40 }, (_, i) => [i, 0]));
    const b = rows(Array.from({ length: 40 }, (_, i) => [i, 10 + i]));
    const traced = routeDetours(a, b, identity(40), 40, 2, 4);
    expect(traced.map((r) => r.chord)).toEqual([0, 10, 20, 30].map((i) => Math.hypot(0, 10 + i)));
  });
});

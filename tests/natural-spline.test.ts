import { describe, expect, it } from 'vitest';
import { hermiteBend, naturalSplineTangents } from '../src/core/geometry/natural-spline';

/** Known answers for the natural cubic spline's tangents and the Hermite bend built on them. */

const apply = (A: Float64Array[], y: number[]) => A.map((row) => row.reduce((t, a, l) => t + a * y[l], 0));

/** The spline's value at x, from its values and tangents (cubic Hermite on x's interval). */
function splineAt(knots: number[], y: number[], t: number[], x: number): number {
  let k = 0;
  while (k < knots.length - 2 && x > knots[k + 1]) k++;
  const w = knots[k + 1] - knots[k];
  const u = (x - knots[k]) / w;
  return (1 - u) * y[k] + u * y[k + 1] + hermiteBend(y[k], y[k + 1], t[k], t[k + 1], w, u);
}

describe('naturalSplineTangents', () => {
  it('gives a straight line its own slope at every knot, on uneven knots', () => {
    const knots = [0, 0.2, 1, 3.5];
    const t = apply(naturalSplineTangents(knots), knots.map((x) => 2 - 3 * x));
    for (const v of t) expect(v).toBeCloseTo(-3, 12);
  });

  it('through 0, 1, 0 at knots 0, 1, 2: tangents 1.5, 0, −1.5 (M at the middle = −3)', () => {
    const t = apply(naturalSplineTangents([0, 1, 2]), [0, 1, 0]);
    expect(t[0]).toBeCloseTo(1.5, 12);
    expect(t[1]).toBeCloseTo(0, 12);
    expect(t[2]).toBeCloseTo(-1.5, 12);
    // The segment is the cubic y = 1.5x − 0.5x³ on [0, 1].
    expect(splineAt([0, 1, 2], [0, 1, 0], t, 0.5)).toBeCloseTo(0.75 - 0.0625, 12);
  });

  it('has a continuous second derivative that vanishes at both ends, on uneven knots', () => {
    const knots = [0, 0.5, 1.7, 2, 4];
    const y = [1, -2, 0.5, 3, -1];
    const t = apply(naturalSplineTangents(knots), y);
    // Second derivatives agree across each interior knot (C²) and vanish at the ends.
    const second = (k: number, u: 0 | 1) => {
      const w = knots[k + 1] - knots[k];
      const d = y[k + 1] - y[k];
      // y″ of the Hermite cubic at u = 0 and u = 1, per unit x.
      return u === 0 ? (6 * d - w * (4 * t[k] + 2 * t[k + 1])) / (w * w) : (-6 * d + w * (2 * t[k] + 4 * t[k + 1])) / (w * w);
    };
    expect(second(0, 0)).toBeCloseTo(0, 10);
    expect(second(knots.length - 2, 1)).toBeCloseTo(0, 10);
    for (let k = 1; k < knots.length - 1; k++) expect(second(k - 1, 1)).toBeCloseTo(second(k, 0), 10);
  });

  it('with two knots is the straight line (zero bend)', () => {
    const t = apply(naturalSplineTangents([2, 5]), [1, 7]);
    expect(t[0]).toBeCloseTo(2, 12);
    expect(t[1]).toBeCloseTo(2, 12);
    for (const u of [0.1, 0.5, 0.9]) expect(hermiteBend(1, 7, t[0], t[1], 3, u)).toBeCloseTo(0, 12);
  });

  it('refuses knots that do not increase', () => {
    expect(() => naturalSplineTangents([0, 1, 1])).toThrow(/increase/);
    expect(() => naturalSplineTangents([0])).toThrow(/two knots/);
  });
});

/**
 * The natural cubic spline through values at increasing knots (zero second
 * derivative at both ends), written as the linear map from the values to the
 * spline's first derivative at every knot: tangent_j = Σ_l A[j][l] · value_l.
 * The map depends on the knots only, so it is built once and applied to every
 * sample's coordinates (clot/sampler.ts). With two knots the spline is the
 * straight line.
 */
export function naturalSplineTangents(knots: readonly number[]): Float64Array[] {
  const n = knots.length;
  if (n < 2) throw new Error('a spline needs at least two knots');
  const h = knots.slice(1).map((x, i) => x - knots[i]);
  if (!h.every((d) => d > 0)) throw new Error('spline knots must increase');
  // Column l of A: the tangents of the spline through the l-th unit vector.
  const A = Array.from({ length: n }, () => new Float64Array(n));
  for (let l = 0; l < n; l++) {
    const y = Float64Array.from({ length: n }, (_, i) => (i === l ? 1 : 0));
    const M = secondDerivatives(h, y);
    for (let j = 0; j < n - 1; j++) A[j][l] = (y[j + 1] - y[j]) / h[j] - (h[j] * (2 * M[j] + M[j + 1])) / 6;
    A[n - 1][l] = (y[n - 1] - y[n - 2]) / h[n - 2] + (h[n - 2] * (M[n - 2] + 2 * M[n - 1])) / 6;
  }
  return A;
}

/** Second derivatives M at the knots (M_0 = M_last = 0), by the tridiagonal (Thomas) solve. */
function secondDerivatives(h: number[], y: Float64Array): Float64Array {
  const n = y.length;
  const M = new Float64Array(n);
  const m = n - 2;
  if (m <= 0) return M;
  const diag = new Float64Array(m);
  const rhs = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    diag[i] = 2 * (h[i] + h[i + 1]);
    rhs[i] = 6 * ((y[i + 2] - y[i + 1]) / h[i + 1] - (y[i + 1] - y[i]) / h[i]);
  }
  // Sub- and super-diagonal entries of row i are h[i] and h[i + 1].
  for (let i = 1; i < m; i++) {
    const f = h[i] / diag[i - 1];
    diag[i] -= f * h[i];
    rhs[i] -= f * rhs[i - 1];
  }
  for (let i = m - 1; i >= 0; i--) M[i + 1] = (rhs[i] - (i + 1 < m ? h[i + 1] * M[i + 2] : 0)) / diag[i];
  return M;
}

/**
 * How far the cubic Hermite segment from a (tangent ta) to b (tangent tb) over a knot
 * interval of width `width` sits off the straight segment from a to b at fraction u ∈ [0, 1],
 * for one coordinate: zero at both ends.
 */
export function hermiteBend(a: number, b: number, ta: number, tb: number, width: number, u: number): number {
  const u2 = u * u;
  const u3 = u2 * u;
  return (2 * u3 - 3 * u2 + u) * (a - b) + width * ((u3 - 2 * u2 + u) * ta + (u3 - u2) * tb);
}

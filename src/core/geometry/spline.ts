/**
 * Cubic spline paths with fixed ends: the displacement from the straight
 * line is the natural cubic spline through 0 at s = 0, φ_1…φ_n at the n
 * uniform interior nodes s_j = j/(n+1), and 0 at s = 1. B_j is the
 * cardinal spline of node j, so B_j(s_i) = δ_ij, B_j(0) = B_j(1) = 0, and
 * every combination is C² (continuous value, slope and curvature).
 */
export class SplineBasis {
  readonly h: number;
  /** (n + 2) × n second derivatives at all nodes, ends included (natural: 0). */
  private readonly second: Float64Array;

  constructor(readonly n: number) {
    this.h = 1 / (n + 1);
    this.second = new Float64Array((n + 2) * n);
    const h2 = this.h * this.h;
    for (let j = 0; j < n; j++) {
      // Interior equations M_{i-1} + 4 M_i + M_{i+1} = 6/h² (v_{i-1} − 2 v_i + v_{i+1}), i = 1..n, v = e_j.
      const rhs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const node = i + 1;
        const v = (k: number) => (k === j + 1 ? 1 : 0);
        rhs[i] = (6 / h2) * (v(node - 1) - 2 * v(node) + v(node + 1));
      }
      const m = thomas(n, rhs);
      for (let i = 0; i < n; i++) this.second[(i + 1) * n + j] = m[i];
    }
  }

  /** Writes B_1(s)…B_n(s) into out (length n). */
  evalInto(s: number, out: Float64Array | Float32Array): void {
    const { n, h } = this;
    const x = Math.min(Math.max(s, 0), 1);
    let i = Math.min(Math.floor(x / h), n); // segment [s_i, s_{i+1}]
    if (i < 0) i = 0;
    const t = (x - i * h) / h;
    const a = 1 - t;
    const ca = ((a * a * a - a) * h * h) / 6;
    const cb = ((t * t * t - t) * h * h) / 6;
    for (let j = 0; j < n; j++) {
      const vi = i === j + 1 ? 1 : 0;
      const vi1 = i + 1 === j + 1 ? 1 : 0;
      out[j] = a * vi + t * vi1 + ca * this.second[i * n + j] + cb * this.second[(i + 1) * n + j];
    }
  }

  /** m × n matrix of the basis at m uniform points s_k = k/(m−1), row-major. */
  matrix(m: number): Float32Array {
    const out = new Float32Array(m * this.n);
    const row = new Float64Array(this.n);
    for (let k = 0; k < m; k++) {
      this.evalInto(k / (m - 1), row);
      out.set(row, k * this.n);
    }
    return out;
  }
}

/** Solves the tridiagonal system with 1, 4, 1 bands. */
function thomas(n: number, d: Float64Array): Float64Array {
  const c = new Float64Array(n);
  const x = new Float64Array(n);
  const dd = Float64Array.from(d);
  let b = 4;
  c[0] = 1 / b;
  dd[0] = dd[0] / b;
  for (let i = 1; i < n; i++) {
    b = 4 - c[i - 1];
    c[i] = 1 / b;
    dd[i] = (dd[i] - dd[i - 1]) / b;
  }
  x[n - 1] = dd[n - 1];
  for (let i = n - 2; i >= 0; i--) x[i] = dd[i] - c[i] * x[i + 1];
  return x;
}

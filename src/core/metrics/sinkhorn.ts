import { HtiError } from '../errors';
import { squaredDistances } from './cost';

export interface SinkhornOptions {
  /** Entropic regularisation ε in squared-distance units (the target of the ε-scaling). */
  epsilon?: number;
  /** Stop when the dual potentials move less than this × the mean cost in one sweep. */
  tol?: number;
  maxIterations?: number;
}

export interface SinkhornResult {
  /** Debiased Sinkhorn divergence S_ε(a, b); tends to W2² as ε → 0. */
  value: number;
  epsilon: number;
  iterations: number;
  converged: boolean;
}

/** f_i = −ε log Σ_j (1/m) exp((g_j − C_ij)/ε), stably (log-sum-exp). */
function softMinRows(C: Float64Array, n: number, m: number, g: Float64Array, eps: number, out: Float64Array): void {
  const logW = -Math.log(m);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    const row = i * m;
    for (let j = 0; j < m; j++) mx = Math.max(mx, (g[j] - C[row + j]) / eps);
    let s = 0;
    for (let j = 0; j < m; j++) s += Math.exp((g[j] - C[row + j]) / eps - mx);
    out[i] = -eps * (mx + Math.log(s) + logW);
  }
}

function softMinCols(C: Float64Array, n: number, m: number, f: Float64Array, eps: number, out: Float64Array): void {
  const logW = -Math.log(n);
  for (let j = 0; j < m; j++) {
    let mx = -Infinity;
    for (let i = 0; i < n; i++) mx = Math.max(mx, (f[i] - C[i * m + j]) / eps);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp((f[i] - C[i * m + j]) / eps - mx);
    out[j] = -eps * (mx + Math.log(s) + logW);
  }
}

/**
 * Entropic OT_ε between uniform measures on the rows of C (n × m) in its dual
 * form ⟨a, f⟩ + ⟨b, g⟩, solved by alternating log-domain Sinkhorn sweeps with
 * ε-scaling (start at the largest cost, shrink by `decay` until ε).
 */
function entropicOt(C: Float64Array, n: number, m: number, eps: number, tol: number, maxIt: number) {
  const f = new Float64Array(n);
  const g = new Float64Array(m);
  const fNew = new Float64Array(n);
  const gNew = new Float64Array(m);
  let cur = Math.max(eps, C.reduce((x, v) => Math.max(x, v), 0));
  // Converged when no potential moves by more than tol × the mean cost in a sweep (the value's precision).
  const scale = Math.max(C.reduce((x, v) => x + v, 0) / C.length, 1e-300);
  const decay = 0.5;
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    // Alternating (Gauss–Seidel) updates: f from g, then g from the new f.
    softMinRows(C, n, m, g, cur, fNew);
    softMinCols(C, n, m, fNew, cur, gNew);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(fNew[i] - f[i]));
    for (let j = 0; j < m; j++) change = Math.max(change, Math.abs(gNew[j] - g[j]));
    f.set(fNew);
    g.set(gNew);
    it++;
    if (cur > eps) cur = Math.max(eps, cur * decay);
    else if (change < tol * scale) {
      converged = true;
      break;
    }
  }
  // One last pair of exact updates so each potential is the c-transform of the other.
  softMinRows(C, n, m, g, eps, f);
  softMinCols(C, n, m, f, eps, g);
  const value = f.reduce((s, v) => s + v, 0) / n + g.reduce((s, v) => s + v, 0) / m;
  return { value, iterations: it, converged };
}

/**
 * OT_ε(a, a) of a cloud with itself: one symmetric potential, updated by the
 * averaged fixed point f ← ½ (f + softmin(f)), which converges quickly where
 * alternating updates of a symmetric problem oscillate.
 */
function selfOt(C: Float64Array, n: number, eps: number, tol: number, maxIt: number) {
  const f = new Float64Array(n);
  const fNew = new Float64Array(n);
  let cur = Math.max(eps, C.reduce((x, v) => Math.max(x, v), 0));
  const scale = Math.max(C.reduce((x, v) => x + v, 0) / C.length, 1e-300);
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    softMinRows(C, n, n, f, cur, fNew);
    let change = 0;
    for (let i = 0; i < n; i++) {
      const v = 0.5 * (f[i] + fNew[i]);
      change = Math.max(change, Math.abs(v - f[i]));
      f[i] = v;
    }
    it++;
    if (cur > eps) cur = Math.max(eps, cur * 0.5);
    else if (change < tol * scale) {
      converged = true;
      break;
    }
  }
  softMinRows(C, n, n, f, eps, fNew);
  return { value: (2 * fNew.reduce((s, v) => s + v, 0)) / n, iterations: it, converged };
}

/**
 * Debiased Sinkhorn divergence S_ε(a, b) = OT_ε(a, b) − ½ OT_ε(a, a) − ½ OT_ε(b, b)
 * between uniform empirical measures (any sizes) with squared Euclidean cost.
 * It is ≥ 0, zero for identical clouds, and tends to W2² as ε → 0; use it where
 * the exact assignment is too large. O(n·m) memory and time per sweep.
 */
export function sinkhornDivergence(a: ArrayLike<number>, b: ArrayLike<number>, D: number, opts: SinkhornOptions = {}): SinkhornResult {
  const n = a.length / D;
  const m = b.length / D;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n === 0 || m === 0) throw new HtiError('Sinkhorn needs two non-empty point sets of the same dimension');
  const eps = opts.epsilon ?? defaultEpsilon(a, b, D);
  if (!(eps > 0)) throw new HtiError(`Sinkhorn ε must be positive, got ${eps}`);
  const tol = opts.tol ?? 1e-5;
  const maxIt = opts.maxIterations ?? 2000;
  const ab = entropicOt(squaredDistances(a, b, D), n, m, eps, tol, maxIt);
  const aa = selfOt(squaredDistances(a, a, D), n, eps, tol, maxIt);
  const bb = selfOt(squaredDistances(b, b, D), m, eps, tol, maxIt);
  return {
    value: Math.max(0, ab.value - 0.5 * aa.value - 0.5 * bb.value),
    epsilon: eps,
    iterations: ab.iterations,
    converged: ab.converged && aa.converged && bb.converged,
  };
}

/** ε = 5·10⁻³ × the mean squared spread of both clouds around their joint mean (scale-free default). */
function defaultEpsilon(a: ArrayLike<number>, b: ArrayLike<number>, D: number): number {
  const mean = new Float64Array(D);
  const total = (a.length + b.length) / D;
  for (const x of [a, b]) for (let i = 0; i < x.length; i++) mean[i % D] += x[i] / total;
  let spread = 0;
  for (const x of [a, b]) for (let i = 0; i < x.length; i++) spread += (x[i] - mean[i % D]) ** 2 / total;
  return 5e-3 * Math.max(spread, 1e-12);
}

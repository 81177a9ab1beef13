import { hermiteBend, naturalSplineTangents } from '../geometry/natural-spline';
import { paceLocate } from './pace';

/**
 * Where the transport spline's knots sit (clot/sampler.ts). At the pace's progress (the cumulative
 * mean coupled moves), anchors a decade apart in λ but equally far apart in outputs are equally
 * spaced: with knots at λ, a knob on a log scale (anchors 0.001 … 1) swung to 8× straight lines' W2.
 * But progress measures each interval by its chord, which is short where the outputs turn back
 * inside it: a 1-D output oscillating across five anchors scored 1.3× straight lines with knots at
 * progress and 0.4× with knots at λ, and curves across several anchors (a figure of eight, a sine
 * wave, a Lissajous curve) were 10–40 % better at λ too. So where the anchors can tell (four or more),
 * each interior anchor is left out in turn, every chained sample's natural cubic through the other
 * anchors is read at that anchor, and the knots that land nearer the sample's own partner there (mean
 * squared distance) are kept. With three anchors nothing is left to compare, and progress, which never
 * blew up, is used.
 *
 * `chain[j]` holds every chained sample's output at anchor j (n × D); `lengths` the pace's moves.
 */
export function splineKnotsAtLambda(lambdas: number[], lengths: number[], chain: Float32Array[], D: number): boolean {
  const K = lambdas.length - 1;
  if (K < 3) return false;
  const n = chain[0].length / D;
  let errLambda = 0;
  let errProgress = 0;
  for (let k = 1; k < K; k++) {
    const keep = lambdas.map((_, j) => j).filter((j) => j !== k);
    const kept = keep.map((j) => lambdas[j]);
    // The moves over the anchors kept: the left-out anchor's two intervals become one, measured by its mean chord.
    const moves = keep.slice(1).map((j, i) => (j === k + 1 ? meanChord(chain[keep[i]], chain[j], D) : lengths[j - 1]));
    if (!moves.every((L) => L > 1e-12)) continue;
    const progress = knotsFrom(moves, kept);
    const { k: at, s } = paceLocate(kept, moves, lambdas[k]);
    errLambda += leftOutError(kept, lambdas[k], keep, chain, k, D, n);
    errProgress += leftOutError(progress, progress[at] + s * moves[at], keep, chain, k, D, n);
  }
  return errLambda < errProgress;
}

/** Mean Euclidean distance between each sample's outputs at two anchors. */
function meanChord(a: Float32Array, b: Float32Array, D: number): number {
  const n = a.length / D;
  let t = 0;
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let d = 0; d < D; d++) q += (b[i * D + d] - a[i * D + d]) ** 2;
    t += Math.sqrt(q);
  }
  return t / n;
}

/** Mean squared distance between each sample's natural cubic through the kept anchors (knots `knots`), read at `x`, and its output at anchor k. */
function leftOutError(knots: number[], x: number, keep: number[], chain: Float32Array[], k: number, D: number, n: number): number {
  const w = splineWeights(knots, x);
  const truth = chain[k];
  let t = 0;
  for (let i = 0; i < n * D; i++) {
    let v = 0;
    keep.forEach((j, m) => {
      v += w[m] * chain[j][i];
    });
    t += (v - truth[i]) ** 2;
  }
  return t / n;
}

/** The natural cubic's value at x as weights on the values at the knots: the straight line plus hermiteBend, per unit value. */
function splineWeights(knots: number[], x: number): Float64Array {
  const A = naturalSplineTangents(knots);
  let k = 0;
  while (k < knots.length - 2 && x > knots[k + 1]) k++;
  const h = knots[k + 1] - knots[k];
  const u = Math.min(1, Math.max(0, (x - knots[k]) / h));
  return Float64Array.from(knots, (_, l) => {
    const a = l === k ? 1 : 0;
    const b = l === k + 1 ? 1 : 0;
    return (1 - u) * a + u * b + hermiteBend(a, b, A[k][l], A[k + 1][l], h, u);
  });
}

/** Knots at the cumulative moves `lengths` (progress), or at λ where there are none or some interval shows no move (knots must increase). */
export function knotsFrom(lengths: number[] | null, lambdas: number[]): number[] {
  if (!lengths?.every((L) => L > 1e-12)) return lambdas.slice();
  const knots = [0];
  for (const L of lengths) knots.push(knots[knots.length - 1] + L);
  return knots;
}

import type { TruthScorer } from '../surrogate/evaluate';
import { Rng } from '../random';
import type { Anchor, AnchorSet } from '../data/types';

/**
 * The conditional semicircles benchmark: four classes, each a noisy arc of
 * the unit circle around (−1, 0) or (1, 0), sliding along a semicircle as t
 * goes 0 → 1 (class 0 over the top of the left circle, 1 under it, 2 over the
 * top of the right circle, 3 under it). Angular noise σθ = 0.15π and radial
 * noise σr = 0.05 match the reference data. The density is known in closed
 * form, so surrogates can be scored by NLL and by distance to the circle.
 */
const SEMICIRCLE_SIGMA_THETA = 0.15 * Math.PI;
const SEMICIRCLE_SIGMA_R = 0.05;
const CENTERS: [number, number][] = [[-1, 0], [-1, 0], [1, 0], [1, 0]];

function centreAngle(k: number, t: number): number {
  switch (k) {
    case 0: return Math.PI * t;
    case 1: return -Math.PI * t;
    case 2: return Math.PI - Math.PI * t;
    default: return Math.PI + Math.PI * t;
  }
}

function sampleSemicircles(t: number, perClass: number, rng: Rng): Anchor {
  const n = perClass * 4;
  const y = new Float32Array(n * 2);
  const label = new Int32Array(n);
  let i = 0;
  for (let k = 0; k < 4; k++) {
    for (let j = 0; j < perClass; j++, i++) {
      const th = centreAngle(k, t) + SEMICIRCLE_SIGMA_THETA * rng.normal();
      const r = 1 + SEMICIRCLE_SIGMA_R * rng.normal();
      y[2 * i] = CENTERS[k][0] + r * Math.cos(th);
      y[2 * i + 1] = CENTERS[k][1] + r * Math.sin(th);
      label[i] = k;
    }
  }
  return { lambda: t, n, y, label };
}

export function semicirclesAnchorSet(lambdas = [0, 0.5, 1], perClass = 100, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  return {
    source: 'semicircles',
    dimY: 2,
    condition: { kind: 'class', values: [0, 1, 2, 3] },
    anchors: lambdas.map((t) => sampleSemicircles(t, perClass, rng)),
  };
}

/** log p_t(y | class k) of the generator (wrapped normal in angle, normal in radius, Jacobian 1/r). */
function semicircleLogDensity(t: number, k: number, x: number, yv: number): number {
  const [cx, cy] = CENTERS[k];
  const dx = x - cx;
  const dy = yv - cy;
  const r = Math.hypot(dx, dy);
  if (r === 0) return -Infinity;
  const th = Math.atan2(dy, dx);
  const mu = centreAngle(k, t);
  const st = SEMICIRCLE_SIGMA_THETA;
  let pth = 0;
  for (let w = -2; w <= 2; w++) {
    const d = th - mu + 2 * Math.PI * w;
    pth += Math.exp((-0.5 * d * d) / (st * st));
  }
  pth /= st * Math.sqrt(2 * Math.PI);
  const sr = SEMICIRCLE_SIGMA_R;
  const lr = -0.5 * ((r - 1) / sr) ** 2 - Math.log(sr * Math.sqrt(2 * Math.PI));
  return Math.log(pth) + lr - Math.log(r);
}

/** Mean negative log-likelihood of points under the true density at t. */
function semicircleNll(t: number, y: ArrayLike<number>, label: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < label.length; i++) s -= semicircleLogDensity(t, label[i], y[2 * i], y[2 * i + 1]);
  return s / label.length;
}

/** Mean distance of points to their class's circle. */
function semicircleDistance(y: ArrayLike<number>, label: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < label.length; i++) {
    const [cx, cy] = CENTERS[label[i]];
    s += Math.abs(Math.hypot(y[2 * i] - cx, y[2 * i + 1] - cy) - 1);
  }
  return s / label.length;
}

/** NLL under the true density and circle distance of surrogate samples (labels are class indices = class values here). */
export const semicirclesTruth: TruthScorer = (lambda, samples) => ({
  nll: semicircleNll(lambda, samples.y, samples.label!),
  dist: semicircleDistance(samples.y, samples.label!),
});

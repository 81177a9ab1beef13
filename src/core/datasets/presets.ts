import type { Anchor, AnchorSet } from '../data/types';
import { Rng } from '../random';
import type { TruthScorer } from '../surrogate/evaluate';
import { semicirclesAnchorSet, semicirclesTruth } from './semicircles';

/**
 * Built-in datasets, generated (nothing downloaded): the semicircles
 * benchmark and two teaching presets that mimic real trade-off knobs.
 */
export const PRESET_IDS = ['semicircles', 'dropout-moons', 'quantile-fan'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  title: string;
  /** What the hyperparameter does, in one paragraph. */
  explanation: string;
  /** Name of λ in the data's own units. */
  lambdaName: string;
  /** The dataset at its anchors, or fresh samples of the same generator at other λ (held-out truth). */
  make(seed?: number, lambdas?: number[]): AnchorSet;
  /** Scores against the generator's known density, where it has one. */
  truth?: TruthScorer;
}

function dropoutMoons(seed = 0, lambdas = [0, 0.5, 0.9]): AnchorSet {
  // Two interleaved half-moons; dropout p blurs each moon and pulls it towards the middle.
  const rng = new Rng(seed);
  const per = 150;
  const anchors: Anchor[] = lambdas.map((p) => {
    const y = new Float32Array(2 * 2 * per);
    const label = new Int32Array(2 * per);
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < per; i++) {
        const j = k * per + i;
        const t = Math.PI * rng.next();
        let x = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
        let v = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        const shrink = 1 - 0.45 * p;
        x = 0.5 + (x - 0.5) * shrink;
        v = 0.25 + (v - 0.25) * shrink;
        const noise = 0.05 + 0.25 * p * p;
        y[2 * j] = x + noise * rng.normal();
        y[2 * j + 1] = v + noise * rng.normal();
        label[j] = k;
      }
    }
    return { lambda: p, n: 2 * per, y, label };
  });
  return { source: 'dropout-moons', dimY: 2, condition: { kind: 'class', values: [0, 1] }, anchors };
}

/** Φ⁻¹ by Acklam's rational approximation (|error| < 1.2e-9). */
function probit(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -probit(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function quantileFan(seed = 0, lambdas = [0.1, 0.5, 0.9]): AnchorSet {
  // A two-step forecaster's τ-quantile for each input window x: the mean plus Φ⁻¹(τ) times an input-dependent spread.
  const rng = new Rng(seed);
  const n = 300;
  const xs = Array.from({ length: n }, () => 2 * rng.next() - 1);
  const anchors: Anchor[] = lambdas.map((tau) => {
    const y = new Float32Array(2 * n);
    const c = new Float32Array(n);
    const z = probit(tau);
    xs.forEach((x, i) => {
      const sigma = 0.15 + 0.35 * (x + 1) / 2;
      y[2 * i] = Math.sin(2 * x) + z * sigma;
      y[2 * i + 1] = 0.5 * x + Math.sin(2 * x + 0.4) + 1.3 * z * sigma;
      c[i] = x;
    });
    return { lambda: tau, n, y, c };
  });
  return { source: 'quantile-fan', dimY: 2, condition: { kind: 'continuous', dim: 1 }, anchors };
}

export const PRESETS: Record<PresetId, Preset> = {
  semicircles: {
    id: 'semicircles',
    title: 'Semicircles (benchmark)',
    lambdaName: 't',
    explanation:
      'Four classes of outputs, each a noisy arc on a circle, slide along semicircles as t goes from 0 to 1. Only t = 0, 0.5 and 1 are observed. Straight-line transport cuts across the empty middle; the learned geometry and the density potential bend the paths along the circles, where the data lives.',
    make: (seed = 0, lambdas = [0, 0.5, 1]) => semicirclesAnchorSet(lambdas, 100, seed),
    truth: semicirclesTruth,
  },
  'dropout-moons': {
    id: 'dropout-moons',
    title: 'Dropout blur (teaching)',
    lambdaName: 'dropout p',
    explanation:
      'A generative model of two half-moons trained with dropout rate p. More dropout makes its samples blurrier and pulls both moons towards the middle. The model was trained at p = 0, 0.5 and 0.9 only; the slider shows what it would output at any rate in between.',
    make: dropoutMoons,
  },
  'quantile-fan': {
    id: 'quantile-fan',
    title: 'Quantile fan (teaching)',
    lambdaName: 'quantile τ',
    explanation:
      'A two-step forecaster trained with the pinball loss at quantile τ. Each input window x (a continuous condition) gets its own forecast; raising τ moves every forecast up by an amount that grows with the input\'s uncertainty. Observed at τ = 0.1, 0.5 and 0.9; the surrogate fills in the rest per input.',
    make: quantileFan,
  },
};

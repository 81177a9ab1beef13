import { HtiError } from './errors';
import type { BandwidthSetting } from './geometry/bandwidth';
import type { PotentialWeightSetting } from './geometry/potential-weight';
import type { PotentialKernel } from './geometry/potential';

/**
 * Every setting of a CLOT run, with its default and meaning, in one typed
 * place. The CLI flags, the app's controls and the model file all read this.
 *
 * Units: outputs y are standardised inside the model (centred, divided by one
 * common scale so Euclidean geometry is kept); continuous conditions are
 * standardised per dimension. Bandwidths are in those standardised units.
 */
export const VARIANTS = ['full', 'metric', 'euclidean', 'euclidean+potential', 'fixed-metric', 'fixed-metric+potential'] as const;
export type Variant = (typeof VARIANTS)[number];

export type MetricKind = 'euclidean' | 'learned' | 'fixed';

/**
 * How g_k and T_k are found. 'coupled' (default): an exact discrete coupling
 * of consecutive anchors' samples (per condition), the maps fitted to the
 * coupled pairs by regression, paths and metric trained on those pairs; a
 * permutation cannot collapse mass. 'semidual': the published adversarial
 * semi-dual with a c-transform (method doc §3).
 */
const SOLVERS = ['coupled', 'semidual'] as const;
export type Solver = (typeof SOLVERS)[number];

/**
 * Where a sample sits along its path at a given λ. 'calibrated' (default):
 * each sample moves at constant speed along its own path (at fraction s of
 * its Euclidean length), and the pace across anchors follows how far the
 * anchors show mass travelling per unit of λ (pace.ts), so outputs that
 * change slowly and then fast are not moved at one rate. 'constant-speed':
 * the same along each path, linear in λ within each interval (straight paths
 * reduce to McCann's interpolation). 'uniform': at spline parameter s, as
 * published, which lets the potential set the pace (samples linger where
 * the density is high).
 */
export const TIMINGS = ['calibrated', 'constant-speed', 'uniform'] as const;
export type Timing = (typeof TIMINGS)[number];

export function variantParts(v: Variant): { metric: MetricKind; potential: boolean } {
  switch (v) {
    case 'full': return { metric: 'learned', potential: true };
    case 'metric': return { metric: 'learned', potential: false };
    case 'euclidean': return { metric: 'euclidean', potential: false };
    case 'euclidean+potential': return { metric: 'euclidean', potential: true };
    case 'fixed-metric': return { metric: 'fixed', potential: false };
    case 'fixed-metric+potential': return { metric: 'fixed', potential: true };
  }
}

export interface ClotConfig {
  /** Which cost: K_θ − U ('full'), K_θ ('metric'), K_I ('euclidean'), K_I − U, fixed-eigenvalue metric ± U. */
  variant: Variant;
  solver: Solver;
  timing: Timing;
  /**
   * Training steps after pre-training (maps, path network, metric; for the semi-dual also the potentials g_k).
   * Coupled solver: 150. Scored after pre-training and at 50, 100, 150, 200, 300 and 450 steps on the
   * bench tasks and 146 drawn families, the picture stopped changing by 150: identical where nothing but the
   * maps trains (most data), 0.85–1.02× the 450-step W2 where a potential or a learned metric bends the paths,
   * and the maps that carry unseen inputs had settled (ETT 1.39–1.41 at 150 and 450). The extra 300 steps
   * tripled the steps' time for no gain (BENCHMARKS.md, "How many steps").
   * The semi-dual solver keeps its 450 unless told otherwise (SEMIDUAL_ITERATIONS).
   */
  iterations: number;
  seed: number;
  /** Adam learning rate of the potentials g_k and maps T_k. */
  lr: number;
  /** Adam β1 of g_k and T_k: 0.5 damps the adversarial oscillation of the semi-dual (0.9 diverged in tests). */
  beta1: number;
  /** Regression steps of T_k onto ŷ per training step (the first shared with the g_k step); extra ones are cheap. */
  mapSteps: number;
  /** Start each c-transform per row from the better of T_k(y) and the previous step's ŷ. */
  warmStart: boolean;
  /** Hidden widths of g_k and T_k (ReLU, FiLM on the first layer). */
  hidden: number[];
  /**
   * How each group's width runs between anchors (clot/width-profile.ts). 'auto' (default): where the
   * interior anchors' widths follow another power mean of their neighbours' clearly better than the
   * straight lines' linear one (a cloud shrinking by a constant factor per unit follows the geometric
   * mean), each group's deviations from its mean are scaled to it; 'linear': as the paths leave them.
   */
  widthProfile: 'auto' | 'linear';
  /** Hidden widths of the metric network (leaky ReLU). */
  metricHidden: number[];
  metricLr: number;
  /** One metric step every this many steps. */
  metricEvery: number;
  /**
   * 'auto': under the coupled solver a learned metric learns only where an interior anchor sits off
   * the straight lines between its neighbours, else it is held at G = I (geometry/straight-check.ts);
   * 'always': it learns regardless.
   */
  learnMetric: 'auto' | 'always';
  /** Hidden widths of the path network S(y, y′, x) → spline coefficients. */
  pathHidden: number[];
  pathLr: number;
  /** Path-network steps on random pairs before training. */
  pathPretrainSteps: number;
  /** Refit the path network on (y, T_k(y)) pairs every this many steps … */
  pathRefitEvery: number;
  /** … for at most this many steps (warm-started), stopping early when the gradient norm falls below pathRefitTol. */
  pathRefitSteps: number;
  pathRefitTol: number;
  /** Gradient-norm clip of the path network. */
  pathClip: number;
  /** Steps of the batched Adam refinement of the c-transform. */
  cTransformSteps: number;
  cTransformLr: number;
  /** Interior spline nodes n and evaluation points m of each path. */
  splineNodes: number;
  pathPoints: number;
  /** KDE bandwidth h_y of the density potential (standardised output units), or 'auto': derived from the data's spread (geometry/bandwidth.ts). */
  bandwidth: BandwidthSetting;
  /** Nadaraya–Watson bandwidth h_x for continuous conditions (standardised condition units). */
  condBandwidth: number;
  /** Weight α of the potential U = α log(p̂ + 1e-8), or 'auto': 0.1 where the anchors trace curves or hold still and then jump, else 0 (geometry/potential-weight.ts). */
  alpha: PotentialWeightSetting;
  /** How p̂ pools the kernels: 'nearest' (default; distance to the data) or 'kde' (density, as published). See geometry/potential.ts. */
  potentialKernel: PotentialKernel;
  /**
   * Depth of the potential in log units: log(p̂/p̂_max) is clipped at −potentialDepth (0 = unclipped, as
   * published). The default 3 makes U flat beyond √6 ≈ 2.4 bandwidths from the nearest sample: how far
   * off the data a point lies says nothing about where the truth goes, and an unclipped potential steered
   * paths across gaps between anchors by wherever the gap is narrowest (the rotating blob's paths cut
   * inside the turn: W2 1.5× straight lines; 0.97× with depth 3, BENCHMARKS.md).
   */
  potentialDepth: number;
  /** Size of the label embedding used by FiLM for a categorical condition. */
  embedDim: number;
  /** Continuous conditions: each sample's density uses its this many nearest conditions (truncated Nadaraya–Watson). */
  nwNeighbours: number;
  /** Cells per axis of the cached potential grid for D ≤ 2 (in 3-D any value > 0 asks for a grid sized by the bandwidth); 0 evaluates the KDE exactly (always for D > 3). */
  potentialGrid: number;
  /** Largest pool of samples per class kept for an exact KDE. */
  kdeMaxPool: number;
}

export const DEFAULT_CONFIG: Readonly<ClotConfig> = Object.freeze({
  variant: 'full',
  solver: 'coupled',
  timing: 'calibrated',
  iterations: 150,
  seed: 0,
  lr: 1e-3,
  beta1: 0.5,
  mapSteps: 2,
  warmStart: true,
  hidden: [64, 64, 64],
  widthProfile: 'auto',
  metricHidden: [32, 32],
  metricLr: 5e-3,
  metricEvery: 10,
  learnMetric: 'auto',
  pathHidden: [128, 128],
  pathLr: 1e-3,
  pathPretrainSteps: 200,
  pathRefitEvery: 25,
  pathRefitSteps: 25,
  pathRefitTol: 1e-3,
  pathClip: 1,
  cTransformSteps: 3,
  cTransformLr: 0.1,
  splineNodes: 15,
  pathPoints: 20,
  bandwidth: 'auto',
  condBandwidth: 1,
  alpha: 'auto',
  potentialKernel: 'nearest',
  potentialDepth: 3,
  embedDim: 8,
  nwNeighbours: 64,
  potentialGrid: 128,
  kdeMaxPool: 512,
} satisfies ClotConfig);

type Check = (v: unknown) => string | null;
const posInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'a positive integer');
const nonNegInt: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'a non-negative integer');
const posNum: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'a positive number');
const nonNegNum: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'a non-negative number');
const widths: Check = (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x) && x > 0) ? null : 'a list of positive integers');

const CHECKS: Record<keyof ClotConfig, Check> = {
  variant: (v) => ((VARIANTS as readonly unknown[]).includes(v) ? null : `one of ${VARIANTS.join(', ')}`),
  solver: (v) => ((SOLVERS as readonly unknown[]).includes(v) ? null : `one of ${SOLVERS.join(', ')}`),
  timing: (v) => ((TIMINGS as readonly unknown[]).includes(v) ? null : `one of ${TIMINGS.join(', ')}`),
  iterations: nonNegInt,
  seed: (v) => (Number.isInteger(v) ? null : 'an integer'),
  lr: posNum,
  beta1: (v) => (typeof v === 'number' && v >= 0 && v < 1 ? null : 'a number in [0, 1)'),
  mapSteps: posInt,
  warmStart: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  hidden: widths,
  widthProfile: (v) => (v === 'auto' || v === 'linear' ? null : 'auto or linear'),
  metricHidden: widths,
  metricLr: posNum,
  metricEvery: posInt,
  learnMetric: (v) => (v === 'auto' || v === 'always' ? null : 'auto or always'),
  pathHidden: widths,
  pathLr: posNum,
  pathPretrainSteps: nonNegInt,
  pathRefitEvery: posInt,
  pathRefitSteps: nonNegInt,
  pathRefitTol: nonNegNum,
  pathClip: posNum,
  cTransformSteps: nonNegInt,
  cTransformLr: posNum,
  splineNodes: posInt,
  pathPoints: (v) => (Number.isInteger(v) && (v as number) >= 2 ? null : 'an integer ≥ 2'),
  bandwidth: (v) => (v === 'auto' || posNum(v) === null ? null : "a positive number or 'auto'"),
  condBandwidth: posNum,
  alpha: (v) => (v === 'auto' || nonNegNum(v) === null ? null : "a number ≥ 0 or 'auto'"),
  potentialDepth: nonNegNum,
  potentialKernel: (v) => (v === 'nearest' || v === 'kde' ? null : 'nearest or kde'),
  embedDim: posInt,
  nwNeighbours: posInt,
  potentialGrid: (v) => (v === 0 || (Number.isInteger(v) && (v as number) >= 4) ? null : '0 or an integer ≥ 4'),
  kdeMaxPool: posInt,
};

/** The published semi-dual solver's own step budget, used where it is chosen without a number of iterations. */
export const SEMIDUAL_ITERATIONS = 450;

/** Merges overrides onto the defaults and validates every field, naming the first bad one. */
export function resolveConfig(overrides: Partial<ClotConfig> = {}): ClotConfig {
  const given = stripUndefined(overrides);
  const solverDefaults = given.solver === 'semidual' ? { iterations: SEMIDUAL_ITERATIONS } : {};
  const cfg: ClotConfig = { ...DEFAULT_CONFIG, ...solverDefaults, ...given } as ClotConfig;
  for (const key of Object.keys(overrides)) {
    if (!(key in CHECKS)) throw new HtiError(`unknown setting "${key}"`);
  }
  for (const [key, check] of Object.entries(CHECKS) as [keyof ClotConfig, Check][]) {
    const problem = check(cfg[key]);
    if (problem) throw new HtiError(`setting ${key} = ${JSON.stringify(cfg[key])} must be ${problem}`);
  }
  return cfg;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { existsSync, readFileSync } from 'node:fs';
import type { ClotConfig } from '../src/core/config';
import { parseAnchorCsv } from '../src/core/data/csv';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { semicirclesAnchorSet, semicirclesTruth } from '../src/core/datasets/semicircles';
import { classPaces, conditionedTurn, expandingBlob, rotatingBlob, shrinkingCloud, splittingBlob, unevenArcs, unevenCountsBlob } from '../src/core/datasets/families';
import { createSurrogate, trainSurrogate } from '../src/core/surrogate/build';
import { meanOfDefined } from '../src/core/metrics/spread';
import { evaluateSurrogate, type TruthScorer } from '../src/core/surrogate/evaluate';
import { anchorFidelity } from '../src/core/surrogate/fidelity';
import type { Method } from '../src/core/sampling/types';
import { DEMO_BENCH_TASKS, NOISE_FLOOR, noiseFloorJob } from './demo-tasks';

/** One benchmark job's result: scores plus cost. */
export interface JobResult {
  task: string;
  variant: string;
  seed: number;
  metrics: Record<string, number>;
  steps: number;
  trainSeconds: number;
  stepsPerSecond: number;
}

export const SHARED = new URL('../../shared/data/', import.meta.url).pathname;

/** A benchmark task: training anchors, held-out truth and which scores to report. */
export interface TaskSpec {
  train: AnchorSet;
  test: AnchorSet;
  heldOut: number[];
  truth?: TruthScorer;
  /** Task-specific settings (e.g. cheaper potentials on large real data). */
  config?: Partial<ClotConfig>;
  /** Which evaluation numbers to average over the held-out λ. */
  scores: ('w2' | 'w2sq' | 'mse' | 'nll' | 'dist')[];
  /** The demo tasks' seed-to-seed noise floor at the held-out λ (the same scores) and the seconds per real network. */
  noiseFloor?: () => Promise<{ metrics: Record<string, number>; seconds: number }>;
}

function loadShared(name: string): AnchorSet | null {
  const path = SHARED + name;
  return existsSync(path) ? parseAnchorCsv(readFileSync(path, 'utf8'), name) : null;
}

function find(set: AnchorSet, l: number): Anchor {
  const a = set.anchors.find((x) => Math.abs(x.lambda - l) < 1e-9);
  if (!a) throw new Error(`${set.source} has no lambda = ${l}`);
  return a;
}

function subset(set: AnchorSet, lambdas: number[], rows?: [number, number]): AnchorSet {
  return { ...set, anchors: lambdas.map((l) => (rows ? sliceAnchor(find(set, l), set, rows[0], rows[1]) : find(set, l))) };
}

function sliceAnchor(a: Anchor, set: AnchorSet, from: number, to: number): Anchor {
  const D = set.dimY;
  const C = set.condition.kind === 'continuous' ? set.condition.dim : 0;
  return { lambda: a.lambda, n: to - from, y: a.y.slice(from * D, to * D), label: a.label?.slice(from, to), c: a.c?.slice(from * C, to * C) };
}

const between = (l: number[], lo: number, hi: number) => l.filter((x) => x > lo && x < hi);

/**
 * A generator family as a task: anchors drawn with seed 1000 + seed, fresh held-out truth at `heldOut`
 * with seed 2000 + seed, scored by W2 (`size` is the generator's per-class or per-input count).
 */
function familyTask(generate: (lambdas: number[], size: number, seed: number) => AnchorSet, anchors: number[], heldOut: number[], size: number) {
  return (seed: number): TaskSpec => ({
    train: generate(anchors, size, 1000 + seed),
    test: generate(heldOut, size, 2000 + seed),
    heldOut,
    scores: ['w2'],
  });
}

/** Task name → its data for a seed (null when the shared reference data is absent). */
export const TASKS: Record<string, (seed: number) => TaskSpec | null | Promise<TaskSpec>> = {
  // The demo tasks' real networks (bench/demo-tasks.ts): demo-quantile, demo-classifier, demo-generative.
  ...DEMO_BENCH_TASKS,
  // Semicircles: anchors t = 0, 0.5, 1 (100 per class); NLL and circle distance at fresh held-out t = 0.25, 0.75.
  semicircles: (seed) => ({
    train: semicirclesAnchorSet([0, 0.5, 1], 100, 1000 + seed),
    test: semicirclesAnchorSet([0.25, 0.75], 100, 2000 + seed),
    heldOut: [0.25, 0.75],
    truth: semicirclesTruth,
    scores: ['nll', 'dist', 'w2'],
  }),
  // Sparse anchors: only t = 0 and 1.
  'semicircles-sparse': (seed) => ({
    train: semicirclesAnchorSet([0, 1], 100, 1000 + seed),
    test: semicirclesAnchorSet([0.25, 0.5, 0.75], 100, 2000 + seed),
    heldOut: [0.25, 0.5, 0.75],
    truth: semicirclesTruth,
    scores: ['nll', 'dist', 'w2'],
  }),
  // Families the defaults were never tuned on (src/core/datasets/families.ts), fresh held-out truth per seed.
  // A Gaussian blob rotating about the origin, uneven anchors 0, 1, 3 (300 points each).
  blob: familyTask(rotatingBlob, [0, 1, 3], [0.5, 2, 2.5], 300),
  // Two classes sliding along arcs of different circles, uneven anchors 0, 0.2, 1.
  arcs: familyTask(unevenArcs, [0, 0.2, 1], [0.1, 0.4, 0.6, 0.8], 150),
  // A continuous condition (21 inputs, 12 samples each) whose outputs turn by an angle proportional to the input.
  turn: familyTask(conditionedTurn, [0, 1, 2], [0.5, 1.5], 12),
  // Added after the defaults were fixed, as families they were never tuned on: a blob widening along a
  // parabola (uneven anchors 0, 0.5, 1.5) and one splitting in two (anchors 0, 0.5, 1), 300 points each.
  expand: familyTask(expandingBlob, [0, 0.5, 1.5], [0.25, 1, 1.25], 300),
  split: familyTask(splittingBlob, [0, 0.5, 1], [0.25, 0.75], 300),
  // Added with the coupling plans (stop 22): the blob moving 30° per unit with anchors 0, 1, 2 of 60, 500 and 300 points; 300 at held-out 0.5, 1.5.
  counts: (seed) => ({
    train: unevenCountsBlob([0, 1, 2], [60, 500, 300], 1000 + seed),
    test: unevenCountsBlob([0.5, 1.5], [300], 2000 + seed),
    heldOut: [0.5, 1.5],
    scores: ['w2'],
  }),
  // Added with the pace per class (stop 24): one class slowing down, one speeding up (200 points each), so
  // the pace both share is linear in λ and wrong for each; anchors 0, 1, 2, held-out 0.5, 1.5.
  paces: familyTask(classPaces, [0, 1, 2], [0.5, 1.5], 200),
  // Added with the width profile (stop 35): a cloud shrinking by a constant factor per unit (σ = e^(−1.5λ)) while
  // it drifts, anchors 0, 1, 2, held out 0.5, 1.5 (300 points each); straight lines halve its width linearly.
  shrink: familyTask(shrinkingCloud, [0, 1, 2], [0.5, 1.5], 300),
  // Two-moons dropout: anchors p = 0, 0.5, 0.99; squared W2 per class, averaged, at the 8 held-out rates.
  moons: () => moonsTask([0, 0.5, 0.99]),
  'moons-sparse': () => moonsTask([0, 0.99]),
  // ETTm2 quantiles: anchors τ = 0.01, 0.99 on rows 0–1199; MSE on rows 1200–1379, pushing each window's τ = 0.01 forecast.
  ett: () => {
    const all = loadShared('ett_quantiles.csv');
    if (!all) return null;
    const heldOut = [0.1, 0.25, 0.5, 0.75, 0.9];
    return {
      train: subset(all, [0.01, 0.99], [0, 1200]),
      test: subset(all, [0.01, ...heldOut], [1200, 1380]),
      heldOut,
      scores: ['mse', 'w2'],
    };
  },
  // Cancer therapy reward weight: anchors λ = 0, 5, 10; W2 of the 10 actions per state, averaged over the 100 states, at 1–4 and 6–9.
  cancer: () => cancerTask([0, 5, 10]),
  'cancer-sparse': () => cancerTask([0, 10]),
};

function moonsTask(anchors: number[]): TaskSpec | null {
  const all = loadShared('moons_dropout.csv');
  if (!all) return null;
  const heldOut = between([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], anchors[0], anchors[anchors.length - 1]).filter((p) => !anchors.includes(p));
  return { train: subset(all, anchors), test: subset(all, heldOut), heldOut, scores: ['w2sq', 'w2'] };
}

function cancerTask(anchors: number[]): TaskSpec | null {
  const all = loadShared('cancer_reward.csv');
  if (!all) return null;
  const heldOut = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((l) => !anchors.includes(l));
  return { train: subset(all, anchors), test: subset(all, heldOut), heldOut, scores: ['w2'] };
}

/** Trains one method on a task and scores it at the held-out λ. */
export async function runTask(task: string, method: string, seed: number, config: Partial<ClotConfig>): Promise<JobResult | null> {
  const spec = await TASKS[task]?.(seed);
  if (spec === undefined) throw new Error(`unknown task ${task}`);
  if (spec === null) return null;
  if (method === NOISE_FLOOR) return noiseFloorJob(task, spec, seed);
  const s = createSurrogate(spec.train, method as Method, { ...spec.config, ...config, seed });
  const t0 = performance.now();
  let rate = 0;
  let steps = 0;
  await trainSurrogate(s, {
    onProgress: (p) => {
      if (p.phase !== 'train') return;
      rate = p.stepsPerSecond;
      steps = p.done;
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const r = await evaluateSurrogate(s, spec.test, { lambdas: spec.heldOut, truth: spec.truth, seed });
  const metrics: Record<string, number> = {};
  for (const key of spec.scores) {
    const vals = r.rows.map((row) => (key === 'nll' || key === 'dist' ? row.truth![key] : (row[key] as number)));
    metrics[key] = vals.reduce((t, v) => t + v, 0) / vals.length;
    r.rows.forEach((row, i) => (metrics[`${key}@${row.lambda}`] = vals[i]));
  }
  // Spread kept at the held-out λ, and the worst training anchor against its sampling floor.
  metrics.spreadRatio = meanOfDefined(r.rows.map((row) => row.spreadRatio));
  r.rows.forEach((row) => (metrics[`spreadRatio@${row.lambda}`] = row.spreadRatio));
  const fidelity = await anchorFidelity(s, { seed });
  metrics.anchorRatio = Math.max(...fidelity.map((f) => f.ratio));
  fidelity.forEach((f) => (metrics[`anchorRatio@${f.lambda}`] = f.ratio));
  s.dispose();
  return { task, variant: method, seed, metrics, steps, trainSeconds, stepsPerSecond: rate };
}

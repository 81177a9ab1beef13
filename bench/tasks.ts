import { existsSync, readFileSync } from 'node:fs';
import { ClotModel } from '../src/core/clot/model';
import { trainModel } from '../src/core/clot/run';
import { Sampler } from '../src/core/clot/sampler';
import type { ClotConfig } from '../src/core/config';
import { parseAnchorCsv } from '../src/core/data/csv';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { semicircleDistance, semicircleNll, semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { w2SquaredExact } from '../src/core/metrics/w2';

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

async function train(data: AnchorSet, config: Partial<ClotConfig>) {
  const model = new ClotModel(data, config);
  const t0 = performance.now();
  let rate = 0;
  await trainModel(model, { onProgress: (p) => p.phase === 'train' && (rate = p.stepsPerSecond) });
  return { model, seconds: (performance.now() - t0) / 1000, rate };
}

/** Semicircles: anchors t = 0, 0.5, 1 (100 per class); NLL and circle distance at held-out 0.25, 0.75. */
export async function semicircles(variant: string, seed: number, config: Partial<ClotConfig>): Promise<JobResult> {
  const data = semicirclesAnchorSet([0, 0.5, 1], 100, 1000 + seed);
  const { model, seconds, rate } = await train(data, { ...config, variant: variant as ClotConfig['variant'], seed });
  const sampler = new Sampler(model);
  const metrics: Record<string, number> = {};
  let nll = 0;
  let dist = 0;
  for (const t of [0.25, 0.75]) {
    const out = await sampler.sample(t);
    const a = semicircleNll(t, out.y, out.label!);
    const b = semicircleDistance(out.y, out.label!);
    metrics[`nll@${t}`] = a;
    metrics[`dist@${t}`] = b;
    nll += a / 2;
    dist += b / 2;
  }
  metrics.nll = nll;
  metrics.dist = dist;
  const steps = model.stepsDone;
  model.dispose();
  return { task: 'semicircles', variant, seed, metrics, steps, trainSeconds: seconds, stepsPerSecond: rate };
}

function loadShared(name: string): AnchorSet | null {
  const path = SHARED + name;
  return existsSync(path) ? parseAnchorCsv(readFileSync(path, 'utf8'), name) : null;
}

function subset(set: AnchorSet, lambdas: number[], rows?: [number, number]): AnchorSet {
  const anchors = lambdas.map((l) => {
    const a = set.anchors.find((x) => Math.abs(x.lambda - l) < 1e-9);
    if (!a) throw new Error(`${set.source} has no lambda = ${l}`);
    return rows ? sliceAnchor(a, set, rows[0], rows[1]) : a;
  });
  return { ...set, anchors };
}

function sliceAnchor(a: Anchor, set: AnchorSet, from: number, to: number): Anchor {
  const D = set.dimY;
  const C = set.condition.kind === 'continuous' ? set.condition.dim : 0;
  return {
    lambda: a.lambda,
    n: to - from,
    y: a.y.slice(from * D, to * D),
    label: a.label?.slice(from, to),
    c: a.c?.slice(from * C, to * C),
  };
}

/** Two-moons dropout: anchors p = 0, 0.5, 0.99; squared W2 per class, averaged, at the 8 held-out rates. */
export async function moons(variant: string, seed: number, config: Partial<ClotConfig>): Promise<JobResult | null> {
  const all = loadShared('moons_dropout.csv');
  if (!all) return null;
  const data = subset(all, [0, 0.5, 0.99]);
  const { model, seconds, rate } = await train(data, { ...config, variant: variant as ClotConfig['variant'], seed });
  const heldOut = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
  const metrics: Record<string, number> = {};
  let total = 0;
  const first = model.data.anchors[0];
  for (const p of heldOut) {
    const truth = all.anchors.find((a) => Math.abs(a.lambda - p) < 1e-9)!;
    const out = await new Sampler(model).sample(p);
    let perClass = 0;
    const classes = [0, 1];
    for (const k of classes) {
      const sur = pick(out.y, first.label!, k, 2);
      const tru = pick(truth.y, truth.label!, k, 2);
      const m = Math.min(sur.length, tru.length) / 2;
      perClass += w2SquaredExact(sur.subarray(0, 2 * m), tru.subarray(0, 2 * m), 2) / classes.length;
    }
    metrics[`w2sq@${p}`] = perClass;
    total += perClass / heldOut.length;
  }
  metrics.w2sq = total;
  const steps = model.stepsDone;
  model.dispose();
  return { task: 'moons', variant, seed, metrics, steps, trainSeconds: seconds, stepsPerSecond: rate };
}

function pick(y: Float32Array, label: Int32Array, k: number, D: number): Float32Array {
  const rows: number[] = [];
  label.forEach((l, i) => l === k && rows.push(i));
  const out = new Float32Array(rows.length * D);
  rows.forEach((r, j) => out.set(y.subarray(r * D, (r + 1) * D), j * D));
  return out;
}

/** ETTm2 quantiles: anchors τ = 0.01, 0.99 on rows 0–1199; MSE at 5 held-out τ on rows 1200–1379, pushing each window's τ = 0.01 forecast. */
export async function ett(variant: string, seed: number, config: Partial<ClotConfig>): Promise<JobResult | null> {
  const all = loadShared('ett_quantiles.csv');
  if (!all) return null;
  const data = subset(all, [0.01, 0.99], [0, 1200]);
  const { model, seconds, rate } = await train(data, { ...config, variant: variant as ClotConfig['variant'], seed });
  const start = sliceAnchor(all.anchors.find((a) => Math.abs(a.lambda - 0.01) < 1e-9)!, all, 1200, 1380);
  const sampler = new Sampler(model, { startRows: start });
  const metrics: Record<string, number> = {};
  let total = 0;
  const taus = [0.1, 0.25, 0.5, 0.75, 0.9];
  for (const tau of taus) {
    const truth = sliceAnchor(all.anchors.find((a) => Math.abs(a.lambda - tau) < 1e-9)!, all, 1200, 1380);
    const out = await sampler.sample(tau);
    let se = 0;
    for (let i = 0; i < truth.y.length; i++) se += (out.y[i] - truth.y[i]) ** 2;
    metrics[`mse@${tau}`] = se / truth.y.length;
    total += se / truth.y.length / taus.length;
  }
  metrics.mse = total;
  const steps = model.stepsDone;
  model.dispose();
  return { task: 'ett', variant, seed, metrics, steps, trainSeconds: seconds, stepsPerSecond: rate };
}

export const TASKS = { semicircles, moons, ett } as const;

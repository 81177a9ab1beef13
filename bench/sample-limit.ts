// `npx tsx bench/sample-limit.ts [2000,5000,10000,20000] [--slider-only]`: what the explorer's worker and views cost
// at a given number of samples per anchor (semicircles, 4 classes, 3 anchors, wasm backend as in the
// worker on a machine without a GPU). The numbers behind MAX_SAMPLES_PER_ANCHOR (src/core/data/subsample.ts).
import { createTrainer } from '../src/core/clot/create-trainer';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { evaluateSnapshot } from '../src/core/clot/snapshot';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { oneLine } from '../src/core/errors';
import { switchBackend } from '../src/core/tfjs/backend';

/** The training worker's view snapshot: the first anchor's rows, at least this many (view-feed.ts). */
const DISPLAY_SAMPLES = 4000;
const PRETRAIN_STEPS = 10;

const ms = (t0: number) => Math.round(performance.now() - t0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The views' share: the worker's snapshot of max(first anchor's n, DISPLAY_SAMPLES) samples, and
 * one slider movement's arithmetic on it (the main thread then draws as many dots).
 */
async function sliderCost(model: ClotModel, perAnchor: number) {
  let t0 = performance.now();
  const sampler = new Sampler(model, { n: Math.max(perAnchor, DISPLAY_SAMPLES), seed: 1 });
  const snap = await sampler.snapshot();
  const snapshotMs = ms(t0);
  const redraws: number[] = [];
  for (let i = 0; i < 50; i++) {
    t0 = performance.now();
    evaluateSnapshot(snap, 0.01 + (0.98 * i) / 49);
    redraws.push(performance.now() - t0);
  }
  return { snapshotMs, sliderEvalMs: +median(redraws).toFixed(2) };
}

/** The slider alone, where training at that size is out of reach: a small trained model, drawn with perAnchor start samples. */
async function sliderOnly(perAnchor: number) {
  const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 100, 0), { pathPretrainSteps: PRETRAIN_STEPS });
  try {
    const trainer = createTrainer(model);
    await trainer.pretrain();
    await trainer.step();
    trainer.dispose();
    return { perAnchor, ...(await sliderCost(model, perAnchor)) };
  } finally {
    model.dispose();
  }
}

async function measure(perAnchor: number) {
  const data = semicirclesAnchorSet([0, 0.5, 1], perAnchor / 4, 0);
  const model = new ClotModel(data, { pathPretrainSteps: PRETRAIN_STEPS });
  try {
    let t0 = performance.now();
    const trainer = createTrainer(model); // the exact coupling of every interval
    const couplingMs = ms(t0);
    t0 = performance.now();
    await trainer.pretrain();
    const pretrainMs = ms(t0);
    const steps: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      await trainer.step();
      steps.push(performance.now() - t0);
    }
    trainer.dispose();
    return { perAnchor, couplingMs, [`pretrain${PRETRAIN_STEPS}Ms`]: pretrainMs, stepMs: Math.round(median(steps)), ...(await sliderCost(model, perAnchor)) };
  } catch (e) {
    return { perAnchor, error: oneLine(e) };
  } finally {
    model.dispose();
  }
}

await switchBackend('wasm');
const sizes = (process.argv[2] ?? '2000,5000,10000,20000').split(',').map(Number);
const sliderOnlySizes = process.argv.includes('--slider-only');
for (const n of sizes) console.log(JSON.stringify(sliderOnlySizes ? await sliderOnly(n) : await measure(n)));

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';
import { condDim } from '../src/core/data/types';
import { toLongCsv } from '../src/core/data/write-csv';
import { generateDemoAnchors } from '../src/core/demo/generate';
import { outputDistance, seedNoiseFloor } from '../src/core/demo/noise-floor';
import { DEMO_TASKS } from '../src/core/demo/tasks';
import { trainDemoNetwork } from '../src/core/demo/train';
import { DEMO_TASK_IDS, type DemoTask } from '../src/core/demo/types';

/** The task with fewer epochs, for checks of the contract rather than of the fit. */
const quick = (task: DemoTask, epochs = 40): DemoTask => ({ ...task, epochs });

/** Rows each task's output has: its probe grid, or its sample count. */
const ROWS = { quantile: 41, classifier: 80, generative: 300 } as const;

describe.each(DEMO_TASK_IDS)('demo task %s', (id) => {
  const task = DEMO_TASKS[id];
  const mid = task.defaultAnchors[Math.floor(task.defaultAnchors.length / 2)];

  it('states λ, its range, default anchors inside it and held-out values between them', () => {
    const [lo, hi] = task.range;
    expect(task.explanation.length).toBeGreaterThan(100);
    expect(task.defaultAnchors).toEqual([...task.defaultAnchors].sort((a, b) => a - b));
    expect(task.defaultAnchors[0]).toBe(lo);
    expect(task.defaultAnchors.at(-1)).toBe(hi);
    for (const l of task.heldOut) {
      expect(l).toBeGreaterThan(lo);
      expect(l).toBeLessThan(hi);
      expect(task.defaultAnchors).not.toContain(l);
    }
  });

  it('training lowers the loss, and the output has the documented shape', async () => {
    const run = await trainDemoNetwork(task, mid, task.defaultSeed);
    expect(run.finalLoss).toBeLessThan(0.5 * run.firstLoss);
    const { output } = run;
    expect(output.n).toBe(ROWS[id]);
    expect(output.y).toHaveLength(output.n * task.dimY);
    expect(output.y.every(Number.isFinite)).toBe(true);
    if (task.condition.kind === 'continuous') expect(output.c).toHaveLength(output.n * condDim(task.condition));
    else expect(output.c).toBeUndefined();
    expect(output.label).toBeUndefined();
  });

  it('the same seed gives the same output; another seed another', async () => {
    const a = await trainDemoNetwork(quick(task), mid, 5);
    const b = await trainDemoNetwork(quick(task), mid, 5);
    const c = await trainDemoNetwork(quick(task), mid, 6);
    expect(Array.from(b.output.y)).toEqual(Array.from(a.output.y));
    expect(Array.from(c.output.y)).not.toEqual(Array.from(a.output.y));
  });

  it('keeps the tensor count flat while training and leaves none behind', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await trainDemoNetwork(quick(task, 60), mid, 1, { onEpoch: () => counts.push(tf.memory().numTensors) });
    // Reports at epochs 1, 10, …, 60: Adam's slots exist from the first step on, so every count agrees.
    expect(counts).toHaveLength(7);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('generating demo anchors', () => {
  const task = quick(DEMO_TASKS.quantile);

  it('trains one network per λ in λ order, with progress, into anchor data that writes and reads back as CSV', async () => {
    const seen: string[] = [];
    const { set, networks } = await generateDemoAnchors(task, [0.75, 0.25], {
      seed: 2,
      onProgress: (p) => p.epoch === p.epochs && seen.push(`${p.network + 1}/${p.networks} λ=${p.lambda} loss ${Number.isFinite(p.loss)}`),
    });
    expect(seen).toEqual(['1/2 λ=0.25 loss true', '2/2 λ=0.75 loss true']);
    expect(networks.map((n) => n.seed)).toEqual([2, 2]);
    expect(set.source).toBe('demo:quantile (seed 2)');
    expect(set.anchors.map((a) => a.lambda)).toEqual([0.25, 0.75]);
    const back = parseAnchorCsv(toLongCsv(set.anchors.map((a) => ({ ...a, dimY: set.dimY, condition: set.condition }))), 'demo.csv');
    expect(back.condition).toEqual({ kind: 'continuous', dim: 1 });
    expect(back.anchors.map((a) => Array.from(a.y))).toEqual(set.anchors.map((a) => Array.from(a.y)));
    expect(back.anchors.map((a) => Array.from(a.c!))).toEqual(set.anchors.map((a) => Array.from(a.c!)));
  });

  it('with one λ gives the held-out truth there: the same rows as that λ among anchors', async () => {
    const both = await generateDemoAnchors(task, [0.25, 0.75], { seed: 2 });
    const one = await generateDemoAnchors(task, [0.75], { seed: 2 });
    expect(one.set.anchors).toHaveLength(1);
    expect(Array.from(one.set.anchors[0].y)).toEqual(Array.from(both.set.anchors[1].y));
  });

  it('rejects λ outside the range and repeated λ in one line', async () => {
    await expect(generateDemoAnchors(task, [0.5, 0.99])).rejects.toThrow("λ = 0.99 is outside the quantile task's range [0.05, 0.95] (quantile τ)");
    await expect(generateDemoAnchors(task, [0.5, 0.5])).rejects.toThrow('λ = 0.5 is listed twice');
  });

  it('stops at the next epoch when aborted, rejecting with the abort and disposing every tensor', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let reports = 0;
    const run = generateDemoAnchors(DEMO_TASKS.classifier, [0.001, 0.01, 0.05], {
      signal: controller.signal,
      onProgress: (p) => {
        reports++;
        if (p.network === 0 && p.epoch === 20) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // Reports at epochs 1, 10, 20 of the first network, none after the abort.
    expect(reports).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('seed-to-seed noise floor', () => {
  it('is the distance between networks at one λ from different seeds, measured like the evaluation', async () => {
    const task = quick(DEMO_TASKS.quantile, 100);
    const floor = await seedNoiseFloor(task, 0.5, [0, 1]);
    expect(floor.networks.map((n) => n.seed)).toEqual([0, 1]);
    expect(floor.w2).toBeGreaterThan(0);
    expect(floor.mse).toBeGreaterThan(0);
    const self = outputDistance(task, floor.networks[0].output, floor.networks[0].output);
    expect(self).toEqual({ w2: 0, w2sq: 0, mse: 0 });
    // Networks already trained are reused, not retrained.
    const again = await seedNoiseFloor(task, 0.5, [0, 1], { trained: floor.networks });
    expect(again.networks[0]).toBe(floor.networks[0]);
    expect(again.w2).toBe(floor.w2);
  });

  it('compares clouds by W2 alone', async () => {
    const task = quick(DEMO_TASKS.generative);
    const floor = await seedNoiseFloor(task, 0.3, [0, 1]);
    expect(floor.w2).toBeGreaterThan(0);
    expect(floor.mse).toBeUndefined();
    await expect(seedNoiseFloor(task, 0.3, [4, 4])).rejects.toThrow('at least two seeds, all different');
  });
});

/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { generateDemoAnchors } from '../../core/demo/generate';
import { outputDistance, seedNoiseFloor } from '../../core/demo/noise-floor';
import { DEMO_TASKS } from '../../core/demo/tasks';
import { trainDemoNetwork, type TrainedNetwork } from '../../core/demo/train';
import { DEMO_TASK_IDS, type DemoOutput, type DemoTask } from '../../core/demo/types';
import { createSurrogate, trainSurrogate } from '../../core/surrogate/build';
import { selectBackend } from './backend-select';
import type { CheckedBaseline, CheckRequest, CheckResult, DemoApi, DemoSink, DemoTaskInfo, GenerateRequest, GenerateResult } from './demo-protocol';
import { serialQueue } from './serial';

/**
 * The demo worker: trains the demo tasks' real networks (src/core/demo/) on its own tfjs
 * backend, so neither the user's model in the training worker nor the page waits for them.
 * A cancelled job resolves as cancelled; any other failure rejects.
 */
let abort = new AbortController();

/** Runs `work`, turning an abort of `signal` into a cancelled result. */
async function cancellable<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T | { cancelled: true }> {
  try {
    return await work();
  } catch (e) {
    if (signal.aborted) return { cancelled: true };
    throw e;
  }
}

async function generate(req: GenerateRequest, sink: DemoSink, signal: AbortSignal): Promise<GenerateResult> {
  const result = await cancellable(signal, () =>
    generateDemoAnchors(DEMO_TASKS[req.task], req.lambdas, { seed: req.seed, signal, onProgress: (p) => sink.progress({ ...p, seed: req.seed }) }),
  );
  if ('cancelled' in result) return result;
  return { cancelled: false, set: result.set, seconds: result.networks.map((n) => n.seconds) };
}

/** The straight-line and nearest-anchor baselines at λ, from the first anchor's rows in order (as the surrogate's output). */
async function baselines(task: DemoTask, req: CheckRequest, truth: DemoOutput): Promise<CheckedBaseline[]> {
  const out: CheckedBaseline[] = [];
  for (const method of ['nearest', 'mccann'] as const) {
    const model = createSurrogate(req.data, method);
    try {
      await trainSurrogate(model);
      // Without a count or rows, a sampler starts from every row of the first anchor, in order.
      const table = await model.sampler().sample(req.lambda);
      const output: DemoOutput = { n: table.n, y: table.y, ...(table.c ? { c: table.c } : {}), ...(table.label ? { label: table.label } : {}) };
      out.push({ method, output, distance: outputDistance(task, output, truth) });
    } finally {
      model.dispose();
    }
  }
  return out;
}

async function check(req: CheckRequest, sink: DemoSink, signal: AbortSignal): Promise<CheckResult | { cancelled: true }> {
  const task = DEMO_TASKS[req.task];
  return cancellable(signal, async () => {
    const trained: TrainedNetwork[] = [];
    for (const [k, seed] of req.seeds.entries()) {
      const onEpoch = (epoch: number, epochs: number, loss: number) =>
        sink.progress({ network: k, networks: req.seeds.length, lambda: req.lambda, epoch, epochs, loss, seed });
      trained.push(await trainDemoNetwork(task, req.lambda, seed, { signal, onEpoch }));
    }
    const truth = trained[0].output;
    sink.phase('building the nearest-anchor and straight-line baselines');
    const built = await baselines(task, req, truth);
    let noiseFloor: CheckResult['noiseFloor'] = null;
    if (trained.length >= 2) {
      // Every network is trained already: this only measures the pairs.
      const { w2, w2sq, mse } = await seedNoiseFloor(task, req.lambda, req.seeds, { trained });
      noiseFloor = { w2, w2sq, ...(mse !== undefined ? { mse } : {}), pairs: (trained.length * (trained.length - 1)) / 2 };
    }
    return {
      lambda: req.lambda,
      real: trained.map((t) => ({ seed: t.seed, output: t.output, seconds: t.seconds })),
      surrogate: outputDistance(task, req.surrogate, truth),
      baselines: built,
      noiseFloor,
    };
  });
}

/** What the page shows of a task: all but its network builder (a function, which cannot be posted). */
function taskInfo({ create: _build, ...info }: DemoTask): DemoTaskInfo {
  return info;
}

/** Backend selection, then every job, in order. */
const after = serialQueue();

/** Cancels the running job and gives the next one a fresh signal. */
function nextSignal(): AbortSignal {
  abort.abort();
  abort = new AbortController();
  return abort.signal;
}

const api: DemoApi = {
  tasks: () => DEMO_TASK_IDS.map((id) => taskInfo(DEMO_TASKS[id])),
  init: (backend) => after(() => selectBackend(backend)),
  generate: (request, sink) => {
    const signal = nextSignal();
    return after(() => generate(request, sink, signal));
  },
  check: (request, sink) => {
    const signal = nextSignal();
    return after(() => check(request, sink, signal));
  },
  cancel: () => abort.abort(),
};
Comlink.expose(api);

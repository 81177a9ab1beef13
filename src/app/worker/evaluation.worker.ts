/// <reference lib="webworker" />
import { BaselineModel } from '../../core/baselines/model';
import { PRESETS } from '../../core/datasets/presets';
import { oneLine } from '../../core/errors';
import { createSurrogate, trainSurrogate } from '../../core/surrogate/build';
import { evaluateSurrogate } from '../../core/surrogate/evaluate';
import { holdOutSplits } from '../../core/surrogate/holdout';
import { METHOD_REGISTRY } from '../../core/surrogate/methods';
import { selectBackend } from './backend-select';
import type { EvalCell, FromEvalWorker, OverlayTrack, ToEvalWorker } from './eval-protocol';

/**
 * The evaluation worker: runs hold-out studies (train every chosen method on
 * the remaining anchors, score at all anchors) and builds baseline overlays,
 * on its own tfjs backend, so the user's model in the training worker is
 * never touched. One study at a time; a new one cancels the old. The UI runs
 * two of these workers, one for studies and one for overlays, so an overlay
 * never waits behind a long study.
 */
const post = (msg: FromEvalWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

let ready: Promise<void> = Promise.resolve();
let abort = new AbortController();
/** Grid points per anchor interval for network baselines' overlays. */
const OVERLAY_GRID = 16;

async function evaluate(id: number, req: Extract<ToEvalWorker, { type: 'evaluate' }>['request'], signal: AbortSignal) {
  const splits = holdOutSplits(req.data, req.holdOut, req.mode);
  const truth = req.truthPreset ? PRESETS[req.truthPreset].truth : undefined;
  const total = splits.length * req.methods.length;
  let done = 0;
  for (const split of splits) {
    for (const method of req.methods) {
      if (signal.aborted) return post({ type: 'eval-done', id, cancelled: true });
      const label = `${method}, holding out λ = ${split.heldOut.join(', ')}`;
      post({ type: 'eval-progress', id, label, done, total });
      const s = createSurrogate(split.train, method, req.config);
      try {
        if (METHOD_REGISTRY[method].family === 'baseline') s.plannedSteps = req.baselineIterations;
        const t0 = performance.now();
        let last = 0;
        const completed = await trainSurrogate(s, {
          signal,
          onProgress: (p) => {
            const now = performance.now();
            if (now - last < 250) return;
            last = now;
            post({ type: 'eval-progress', id, label: `${label}: ${p.phase === 'pretrain' ? 'path pre-training' : 'step'} ${p.done}/${p.total}`, done: done + p.done / p.total, total });
          },
        });
        if (!completed) return post({ type: 'eval-done', id, cancelled: true });
        const trainSeconds = (performance.now() - t0) / 1000;
        const r = await evaluateSurrogate(s, req.data, { truth });
        const cells: EvalCell[] = r.rows.map((row) => ({
          method,
          lambda: row.lambda,
          heldOut: split.heldOut.includes(row.lambda),
          w2: row.w2,
          ...(row.mse !== undefined ? { mse: row.mse } : {}),
          ...(row.truth?.nll !== undefined ? { nll: row.truth.nll } : {}),
          trainSeconds,
        }));
        post({ type: 'eval-cells', id, cells, w2Method: `${r.w2Method}, ${r.grouping}` });
      } finally {
        s.dispose();
      }
      done++;
    }
  }
  post({ type: 'eval-progress', id, label: 'done', done: total, total });
  post({ type: 'eval-done', id, cancelled: false });
}

async function overlay(msg: Extract<ToEvalWorker, { type: 'overlay' }>): Promise<void> {
  const model = new BaselineModel(msg.data, { method: msg.method, iterations: msg.iterations, seed: 0 });
  try {
    await trainSurrogate(model);
    const sampler = model.sampler({ n: msg.n, seed: 1 });
    const lambdas = model.lambdas;
    // Baselines without a network are exact on an anchor grid; network baselines are precomputed on a finer one.
    const exact = model.net === null;
    const per = exact ? 1 : OVERLAY_GRID;
    const grid: number[] = [];
    for (let k = 0; k + 1 < lambdas.length; k++) for (let j = 0; j < per; j++) grid.push(lambdas[k] + ((lambdas[k + 1] - lambdas[k]) * j) / per);
    grid.push(lambdas[lambdas.length - 1]);
    const y: Float32Array[] = [];
    let labels: Int32Array | null = null;
    for (const l of grid) {
      const t = await sampler.sample(l);
      y.push(t.y);
      labels = t.label ?? null;
    }
    const track: OverlayTrack = { method: msg.method, lambdas: grid, y, labels, interpolation: msg.method === 'nearest' ? 'step' : 'linear', perInterval: per };
    post({ type: 'overlay', id: msg.id, track }, y.map((a) => a.buffer as ArrayBuffer));
  } finally {
    model.dispose();
  }
}

self.onmessage = (e: MessageEvent<ToEvalWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'init':
      ready = selectBackend(msg.backend).then((b) => post({ type: 'backend', name: b.name }));
      break;
    case 'cancel':
      abort.abort();
      break;
    case 'evaluate': {
      abort.abort();
      abort = new AbortController();
      const signal = abort.signal;
      ready = ready
        .then(() => evaluate(msg.id, msg.request, signal))
        .catch((err) => post({ type: 'eval-error', id: msg.id, message: oneLine(err) }));
      break;
    }
    case 'overlay':
      ready = ready.then(() => overlay(msg)).catch((err) => post({ type: 'overlay-error', id: msg.id, message: oneLine(err) }));
      break;
  }
};

/// <reference lib="webworker" />
import { BaselineModel } from '../../core/baselines/model';
import { PRESETS } from '../../core/datasets/presets';
import { createSurrogate, trainSurrogate } from '../../core/surrogate/build';
import { evaluateSurrogate } from '../../core/surrogate/evaluate';
import { holdOutSplits } from '../../core/surrogate/holdout';
import { METHOD_REGISTRY, methodLabel } from '../../core/surrogate/methods';
import { selectBackend } from './backend-select';
import { serialQueue } from './serial';
import * as Comlink from 'comlink';
import type { AnchorSet } from '../../core/data/types';
import type { BaselineMethod } from '../../core/sampling/types';
import { stageText } from '../../core/session/progress-text';
import { type EvalCell, type EvalRequest, type EvaluationApi, OVERLAY_CANCELLED, type OverlayTrack, type StudySink } from './eval-protocol';

/**
 * The evaluation worker: runs hold-out studies (train every chosen method on
 * the remaining anchors, score at all anchors) and builds baseline overlays,
 * on its own tfjs backend, so the user's model in the training worker is
 * never touched. One study at a time; a new one cancels the old. The UI runs
 * two of these workers, one for studies and one for overlays, so an overlay
 * never waits behind a long study.
 */
let abort = new AbortController();
/** Stops abortable overlay builds (the overlay's own, not the comparison panel's). */
let overlayAbort = new AbortController();
/** Grid points per anchor interval for network baselines' overlays. */
const OVERLAY_GRID = 16;

async function evaluate(req: EvalRequest, sink: StudySink, signal: AbortSignal): Promise<{ cancelled: boolean }> {
  const splits = holdOutSplits(req.data, req.holdOut, req.mode);
  const truth = req.truthPreset ? PRESETS[req.truthPreset].truth : undefined;
  const total = splits.length * req.methods.length;
  let done = 0;
  for (const split of splits) {
    for (const method of req.methods) {
      if (signal.aborted) return { cancelled: true };
      const label = `${methodLabel(method)}, holding out λ = ${split.heldOut.join(', ')}`;
      sink.progress(label, done, total);
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
            const stage = p.stage ? ` (${stageText(p.stage)})` : '';
            sink.progress(`${label}: ${p.phase === 'pretrain' ? 'path pre-training' : 'step'} ${p.done}/${p.total}${stage}`, done + p.done / p.total, total);
          },
        });
        if (!completed) return { cancelled: true };
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
          steps: s.stepsDone,
        }));
        sink.cells(cells, `${r.w2Method}, ${r.grouping}`);
      } finally {
        s.dispose();
      }
      done++;
    }
  }
  sink.progress('done', total, total);
  return { cancelled: false };
}

interface OverlayMessage {
  method: BaselineMethod;
  data: AnchorSet;
  n: number;
  iterations: number;
  progress?: (fraction: number) => void;
  signal?: AbortSignal;
}

async function overlay(msg: OverlayMessage): Promise<OverlayTrack> {
  if (msg.signal?.aborted) throw new Error(OVERLAY_CANCELLED);
  const model = new BaselineModel(msg.data, { method: msg.method, iterations: msg.iterations, seed: 0 });
  try {
    let last = 0;
    const completed = await trainSurrogate(model, {
      signal: msg.signal,
      onProgress: (p) => {
        const now = performance.now();
        if (!msg.progress || now - last < 250) return;
        last = now;
        msg.progress(p.total > 0 ? p.done / p.total : 0);
      },
    });
    if (!completed) throw new Error(OVERLAY_CANCELLED);
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
    let conds: Float32Array | null = null;
    for (const l of grid) {
      const t = await sampler.sample(l);
      y.push(t.y);
      labels = t.label ?? null;
      conds = t.c ?? null;
    }
    const track: OverlayTrack = { method: msg.method, lambdas: grid, y, labels, conds, interpolation: msg.method === 'nearest' ? 'step' : 'linear', perInterval: per };
    return Comlink.transfer(track, y.map((a) => a.buffer as ArrayBuffer));
  } finally {
    model.dispose();
    // The progress callback is a proxy holding a message port open: let it go.
    (msg.progress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.();
  }
}

/** Backend selection, then every study and overlay, in order. */
const after = serialQueue();

const api: EvaluationApi = {
  init: (backend) => after(async () => void (await selectBackend(backend))),
  evaluate: (request, sink) => {
    abort.abort();
    abort = new AbortController();
    const signal = abort.signal;
    return after(() => evaluate(request, sink, signal));
  },
  cancel: () => abort.abort(),
  overlay: (method, data, n, iterations, progress, abortable = false) => {
    // The controller current when the call arrives: a cancel stops it, not builds asked for after.
    const signal = abortable ? overlayAbort.signal : undefined;
    return after(() => overlay({ method, data, n, iterations, progress, signal }));
  },
  cancelOverlay: () => {
    overlayAbort.abort();
    overlayAbort = new AbortController();
  },
};
Comlink.expose(api);

import type { TrainingInfo } from '../sampling/types';
import { encodeAnchorSet } from '../data/encode';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import { base64ToF32, f32ToBase64 } from '../nn/base64';
import type { CouplingPlan } from '../baselines/coupling';
import { ClotModel } from './model';
import { MODEL_FORMAT, MODEL_VERSION, readModelFile, type ModelFile } from './model-file';


export async function serializeModel(model: ClotModel, training: TrainingInfo): Promise<ModelFile> {
  const weights: ModelFile['weights'] = {};
  for (const net of model.networks()) weights[net.name] = await net.serialize();
  const paceNoise = model.moveNoise();
  const paceGroupNoise = model.groupMoveNoise();
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    config: model.config,
    data: encodeAnchorSet(model.data),
    normalization: model.norm,
    bounds: { lo: model.lo, hi: model.hi },
    training,
    weights,
    ...(model.coupling ? { coupling: model.coupling.map((p) => i32ToBase64(p.dst)) } : {}),
    // Sources only where some anchor's rows are repeated (uneven counts); else entry i is row i.
    ...(model.coupling?.some((p) => !isIdentity(p.src)) ? { couplingSources: model.coupling.map((p) => i32ToBase64(p.src)) } : {}),
    ...(model.linger ? { linger: model.linger } : {}),
    ...(paceNoise ? { paceNoise } : {}),
    // Saved as null where no group keeps its own pace, so a reader need not measure again.
    ...(paceNoise ? { paceGroupNoise } : {}),
    resolved: { bandwidth: model.bandwidth, alpha: model.alpha, reason: model.alphaReason, ...(model.metricChoice ? { metric: model.metricChoice } : {}) },
  };
}

function i32ToBase64(a: Int32Array): string {
  return f32ToBase64(new Float32Array(a.buffer, a.byteOffset, a.length));
}

function isIdentity(a: Int32Array): boolean {
  return a.every((v, i) => v === i);
}

function base64ToI32(e: unknown): Int32Array {
  const f = base64ToF32(String(e));
  return new Int32Array(f.buffer, f.byteOffset, f.length);
}

/** The saved noise of each interval's move (files from before it measure it on first use). */
function readPaceNoise(v: unknown, intervals: number): number[] {
  if (!Array.isArray(v) || v.length !== intervals || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) {
    throw new Error(`paceNoise must be ${intervals} non-negative numbers, one per interval`);
  }
  return v;
}

/** The saved noise of each condition group's moves, per interval, or null for none (files without it measure it on first use). */
function readPaceGroupNoise(v: unknown, intervals: number): Record<string, number[]> | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('paceGroupNoise must map each condition to its noise per interval');
  for (const [key, row] of Object.entries(v)) {
    try {
      readPaceNoise(row, intervals);
    } catch {
      throw new Error(`paceGroupNoise of condition "${key}" must be ${intervals} non-negative numbers, one per interval`);
    }
  }
  return v as Record<string, number[]>;
}

/** The plans back from a file (partners, and sources where saved), checked against the anchors' row counts. */
function readCoupling(encoded: unknown, sources: unknown, data: AnchorSet): CouplingPlan[] {
  const K = data.anchors.length - 1;
  if (!Array.isArray(encoded) || encoded.length !== K) throw new Error('coupling needs one entry per interval');
  if (sources !== undefined && (!Array.isArray(sources) || sources.length !== K)) throw new Error('couplingSources needs one entry per interval');
  return encoded.map((e, k) => {
    const dst = base64ToI32(e);
    const n = data.anchors[k].n;
    const src = sources ? base64ToI32(sources[k]) : Int32Array.from({ length: n }, (_, i) => i);
    const seen = new Uint8Array(n);
    for (const r of src) if (r >= 0 && r < n) seen[r] = 1;
    const fits = src.length === dst.length && src.every((r) => r >= 0 && r < n) && seen.every((x) => x === 1) && dst.every((j) => j >= 0 && j < data.anchors[k + 1].n);
    if (!fits) throw new Error(`coupling of interval ${k} does not fit the anchors`);
    return { src, dst };
  });
}

/** Rebuilds a model from its file; throws a one-line HtiError naming `file` on anything malformed. */
export function deserializeModel(doc: unknown, file = 'model'): { model: ClotModel; training: TrainingInfo } {
  const { config, data, training, resolved } = readModelFile(doc, file);
  const m = doc as ModelFile;
  // A file from before the metric's choice was saved learned its metric (one without the metric's weights fails below, as it did).
  const metric = resolved?.metric ?? { learns: true, ratio: null };
  const model = new ClotModel(data, config, resolved, metric);
  try {
    for (const net of model.networks()) {
      const w = m.weights[net.name];
      if (!w) throw new Error(`missing weights of network ${net.name}`);
      net.load(w);
    }
    if (m.coupling !== undefined) model.coupling = readCoupling(m.coupling, m.couplingSources, data);
    if (m.paceNoise !== undefined) model.paceNoise = readPaceNoise(m.paceNoise, model.intervals);
    if (m.paceGroupNoise !== undefined) model.paceGroupNoise = readPaceGroupNoise(m.paceGroupNoise, model.intervals);
    if (m.linger !== undefined) {
      if (typeof m.linger !== 'number' || !(m.linger >= 0 && m.linger <= 4)) throw new Error(`linger must be a number in [0, 4], got ${String(m.linger)}`);
      model.linger = m.linger;
    }
  } catch (e) {
    model.dispose();
    throw new HtiError(`${file}: has invalid weights (${(e as Error).message})`);
  }
  model.stepsDone = training.steps;
  return { model, training };
}

import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import { w2SquaredExact } from '../metrics/w2';
import { Rng } from '../random';
import type { ClotModel } from './model';
import { Sampler } from './sampler';

export interface EvalGroup {
  /** Class label as written in the data, or null when there are no classes. */
  label: number | null;
  n: number;
  w2: number;
}

export interface EvalRow {
  lambda: number;
  /** True when λ is one of the model's training anchors. */
  anchor: boolean;
  groups: EvalGroup[];
  /** Mean W2 over groups (classes). */
  w2: number;
}

export interface EvalResult {
  rows: EvalRow[];
  /** λ values of the data outside the model's anchor range (not scored). */
  skipped: number[];
  /** Mean of the per-λ W2 over scored λ values. */
  overall: number;
  method: string;
}

/**
 * Scores the surrogate against data at every λ of `data`: per λ (and per
 * class) the surrogate is sampled from the first anchor's rows of the same
 * class, as many as the data holds, and compared by exact W2.
 */
export async function evaluateModel(model: ClotModel, data: AnchorSet, seed = 0): Promise<EvalResult> {
  const name = data.source;
  if (data.dimY !== model.D) throw new HtiError(`${name}: has D = ${data.dimY} outputs, the model was trained on D = ${model.D}`);
  const mc = model.data.condition;
  if (data.condition.kind !== mc.kind) throw new HtiError(`${name}: has a ${data.condition.kind} condition, the model was trained with ${mc.kind}`);
  const lambdas = model.lambdas;
  const first = model.data.anchors[0];
  const rng = new Rng(seed);
  const rows: EvalRow[] = [];
  const skipped: number[] = [];
  for (const a of data.anchors) {
    if (a.lambda < lambdas[0] || a.lambda > lambdas[lambdas.length - 1]) {
      skipped.push(a.lambda);
      continue;
    }
    // Group the data rows: by class (mapped to the model's class indices) or all together.
    const groups = new Map<number, number[]>();
    for (let i = 0; i < a.n; i++) {
      let key = -1;
      if (data.condition.kind === 'class' && mc.kind === 'class') {
        const value = data.condition.values[a.label![i]];
        key = mc.values.indexOf(value);
        if (key < 0) throw new HtiError(`${name}: class ${value} at lambda = ${a.lambda} is not a class the model knows`);
      }
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(i);
    }
    const keys = [...groups.keys()].sort((x, y) => x - y);
    // Start rows: per group, the first anchor's rows of that class, resized to the group's size.
    const starts: number[] = [];
    for (const key of keys) {
      const pool: number[] = [];
      for (let i = 0; i < first.n; i++) if (key < 0 || first.label![i] === key) pool.push(i);
      const m = groups.get(key)!.length;
      if (m === pool.length) starts.push(...pool);
      else if (m < pool.length) starts.push(...Array.from(rng.permutation(pool.length).slice(0, m)).sort((x, y) => x - y).map((i) => pool[i]));
      else for (let i = 0; i < m; i++) starts.push(i < pool.length ? pool[i] : pool[rng.int(pool.length)]);
    }
    const sampler = new Sampler(model, { startIndex: Int32Array.from(starts) });
    const out = await sampler.sample(a.lambda);
    const D = model.D;
    let off = 0;
    const scored: EvalGroup[] = keys.map((key) => {
      const idx = groups.get(key)!;
      const truth = new Float32Array(idx.length * D);
      idx.forEach((r, j) => truth.set(a.y.subarray(r * D, (r + 1) * D), j * D));
      const sur = out.y.subarray(off * D, (off + idx.length) * D);
      off += idx.length;
      return { label: key < 0 ? null : (mc as { values: number[] }).values[key], n: idx.length, w2: Math.sqrt(w2SquaredExact(sur, truth, D)) };
    });
    rows.push({
      lambda: a.lambda,
      anchor: lambdas.includes(a.lambda),
      groups: scored,
      w2: scored.reduce((s, g) => s + g.w2, 0) / scored.length,
    });
  }
  if (rows.length === 0) throw new HtiError(`${name}: no lambda value lies inside the model's anchor range [${lambdas[0]}, ${lambdas[lambdas.length - 1]}]`);
  return { rows, skipped, overall: rows.reduce((s, r) => s + r.w2, 0) / rows.length, method: 'exact (assignment)' };
}

import { conditionKeys, gatherRows, groupRows, resizeRows } from '../data/groups';
import { sameClass } from '../data/class-labels';
import type { Anchor, AnchorSet, ClassLabel } from '../data/types';
import type { SampleTable } from '../data/write-csv';
import { HtiError } from '../errors';
import { meanOfDefined, spreadRatio } from '../metrics/spread';
import { meanSquaredError, w2Squared } from '../metrics/w2';
import { Rng } from '../random';
import { scoreGroups } from './grouping';
import type { SamplingSurrogate } from '../sampling/types';

export interface EvalGroup {
  /** The condition the group shares ("class 2", a condition vector) or "all". */
  key: string;
  n: number;
  w2sq: number;
}

export interface EvalRow {
  lambda: number;
  /** True when λ is one of the surrogate's training anchors. */
  anchor: boolean;
  n: number;
  groups: EvalGroup[];
  /** Mean over groups of W2 (square root of each group's W2²) and of W2². */
  w2: number;
  w2sq: number;
  /** Mean squared error over all entries, for paired deterministic data (the same inputs at λ_0 and at λ). */
  mse?: number;
  /** Scores against a known true density (e.g. NLL, distance to the support). */
  truth?: Record<string, number>;
  /**
   * Mean over groups of spread(surrogate) / spread(truth): below 1 the
   * surrogate is narrower than the truth (1 is right, near 0 collapsed).
   * Groups whose truth has no spread (a single row) are left out; NaN when none is left.
   */
  spreadRatio: number;
}

export interface EvalResult {
  rows: EvalRow[];
  /** λ values of the data outside the surrogate's anchor range (not scored). */
  skipped: number[];
  /** How W2 was computed (exact assignment or Sinkhorn) and how rows were grouped. */
  w2Method: string;
  grouping: string;
  /** Where the surrogate's samples started. */
  start: string;
}

/** Scores of samples under a known true density, e.g. semicircles' NLL and circle distance. */
export type TruthScorer = (lambda: number, samples: SampleTable) => Record<string, number>;

export interface EvalOptions {
  seed?: number;
  truth?: TruthScorer;
  /** Score only these λ values of the data (default all in range). */
  lambdas?: number[];
}

/**
 * Scores a surrogate against data at every λ of `data` in its anchor range.
 * Per λ, each data row gets a start row with the same condition at the first
 * anchor: from the data's own rows at λ_0 when it has them (held-out inputs,
 * e.g. ETT test windows), else from the surrogate's first anchor (resampled
 * to the group's size). The surrogate's outputs are compared by W2 per
 * condition group (classes; or continuous conditions that all repeat, such
 * as the states of a stochastic policy), averaged over groups, and, for
 * other continuous data, by MSE when every row was paired one-to-one with a
 * start row of the same condition (a deterministic network's inputs).
 */
export async function evaluateSurrogate(s: SamplingSurrogate, data: AnchorSet, opts: EvalOptions = {}): Promise<EvalResult> {
  const name = data.source;
  const model = s.data;
  if (data.dimY !== model.dimY) throw new HtiError(`${name}: has D = ${data.dimY} outputs, the model was trained on D = ${model.dimY}`);
  if (data.condition.kind !== model.condition.kind) throw new HtiError(`${name}: has ${conditionWords(data.condition.kind)}, but the model was trained on data with ${conditionWords(model.condition.kind)}`);
  if (data.condition.kind === 'continuous' && model.condition.kind === 'continuous' && data.condition.dim !== model.condition.dim) {
    throw new HtiError(`${name}: has ${data.condition.dim} condition columns, the model was trained with ${model.condition.dim}`);
  }
  const lambdas = s.lambdas;
  const lo = lambdas[0];
  const hi = lambdas[lambdas.length - 1];
  const rng = new Rng(opts.seed ?? 0);
  const rows: EvalRow[] = [];
  const skipped: number[] = [];
  const methods = new Set<string>();
  const dataFirst = data.condition.kind === 'continuous' ? data.anchors.find((a) => Math.abs(a.lambda - lo) < 1e-9) : undefined;
  let startSource = 'the first anchor of the model';
  let grouping = 'all rows together';
  for (const a of data.anchors) {
    if (opts.lambdas && !opts.lambdas.some((l) => Math.abs(l - a.lambda) < 1e-9)) continue;
    if (a.lambda < lo || a.lambda > hi) {
      skipped.push(a.lambda);
      continue;
    }
    const keys = conditionKeys(data, a);
    const groups = groupRows(keys);
    // Start rows: the data's own λ_0 rows with the same conditions when it has all of them, else the model's first anchor.
    const showDataset = dataFirst !== undefined && keys.every((k) => dataSourceHas(data, dataFirst, k));
    const src = showDataset ? { set: data, anchor: dataFirst! } : { set: model, anchor: model.anchors[0] };
    if (showDataset) startSource = `the data's own rows at λ = ${dataFirst!.lambda} (same conditions)`;
    const { start, exact } = startRowsFor(a, groups, src.set, src.anchor, model, rng, data.source);
    const out = await s.sampler({ startRows: start }).sample(a.lambda);
    const D = data.dimY;
    const scoring = scoreGroups(data, groups, a.n);
    const perKey = scoring.perKey;
    grouping = scoring.description;
    const spreadRatios: number[] = [];
    const scored: EvalGroup[] = scoring.groups.map(([key, idx]) => {
      const truth = gatherRows(a.y, idx, D);
      const sur = gatherRows(out.y, idx, D);
      const est = w2Squared(sur, truth, D);
      methods.add(est.method);
      spreadRatios.push(spreadRatio(sur, truth, D));
      return { key, n: idx.length, w2sq: est.w2sq };
    });
    const row: EvalRow = {
      lambda: a.lambda,
      anchor: lambdas.some((l) => Math.abs(l - a.lambda) < 1e-9),
      n: a.n,
      groups: scored,
      w2: scored.reduce((t, g) => t + Math.sqrt(g.w2sq), 0) / scored.length,
      w2sq: scored.reduce((t, g) => t + g.w2sq, 0) / scored.length,
      spreadRatio: meanOfDefined(spreadRatios),
    };
    if (data.condition.kind === 'continuous' && !perKey && exact) row.mse = meanSquaredError(out.y, a.y);
    if (opts.truth) row.truth = opts.truth(a.lambda, out);
    rows.push(row);
  }
  if (rows.length === 0) throw new HtiError(`${name}: no lambda value lies inside the model's anchor range [${lo}, ${hi}]`);
  return { rows, skipped, w2Method: [...methods].join(' / '), grouping, start: startSource };
}

function dataSourceHas(set: AnchorSet, a: Anchor, key: string): boolean {
  const cache = sourceKeys.get(a) ?? new Set(conditionKeys(set, a));
  sourceKeys.set(a, cache);
  return cache.has(key);
}
const sourceKeys = new WeakMap<Anchor, Set<string>>();

/**
 * One start row per data row, with the same condition: the source anchor's
 * rows of that condition, in order when the counts agree, else resampled.
 * Continuous conditions the source lacks take the nearest condition's rows.
 * `exact` says every row was paired one-to-one with a row of its condition.
 */
function startRowsFor(a: Anchor, groups: Map<string, number[]>, srcSet: AnchorSet, src: Anchor, model: AnchorSet, rng: Rng, dataSource: string) {
  const D = model.dimY;
  const C = model.condition.kind === 'continuous' ? model.condition.dim : 0;
  const srcGroups = groupRows(conditionKeys(srcSet, src));
  const pick = new Int32Array(a.n);
  let exact = true;
  for (const [key, idx] of groups) {
    let pool = srcGroups.get(key);
    if (!pool) {
      if (model.condition.kind === 'class') {
        // Named by the data being scored, where the unknown label is, with the classes the model was trained on.
        const known = model.condition.values.map(String);
        throw new HtiError(`${dataSource}: ${key} at lambda = ${a.lambda} is not a class the model knows (it was trained on ${known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ')})`);
      }
      exact = false;
      pool = srcGroups.get(nearestKey(key, srcGroups))!;
    }
    if (pool.length !== idx.length) exact = false;
    const chosen = resizeRows(pool, idx.length, rng);
    idx.forEach((r, j) => (pick[r] = chosen[j]));
  }
  const y = gatherRows(src.y, Array.from(pick), D);
  const start: Omit<Anchor, 'lambda'> = { n: a.n, y };
  if (model.condition.kind === 'class') {
    const values = model.condition.values;
    const srcValues = (srcSet.condition as { values: ClassLabel[] }).values;
    start.label = Int32Array.from(pick, (r) => values.findIndex((v) => sameClass(v, srcValues[src.label![r]])));
  }
  if (C) start.c = gatherRows(src.c!, Array.from(pick), C);
  return { start, exact };
}

function nearestKey(key: string, groups: Map<string, number[]>): string {
  const v = key.split(',').map(Number);
  let best = '';
  let bestD = Infinity;
  for (const k of groups.keys()) {
    const w = k.split(',').map(Number);
    const d = v.reduce((t, x, i) => t + (x - w[i]) ** 2, 0);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** A kind of condition as the columns that carry it. */
function conditionWords(kind: AnchorSet['condition']['kind']): string {
  return kind === 'class' ? 'a class column' : kind === 'continuous' ? 'continuous inputs (c0…)' : 'no condition column';
}

import { DataError } from '../errors';
import { type AnchorUse, BUILDING_ANCHORS, type ParseSteps } from './reading';
import { orderClassLabels } from './class-labels';
import type { Anchor, AnchorSet, ClassLabel, Condition, LongRow } from './types';

/**
 * The fewest anchors data need for a use: training interpolates between anchors, so it needs two
 * or more; a held-out truth for evaluation may hold a single λ.
 */
export const MIN_ANCHORS: Record<AnchorUse, number> = { training: 2, evaluation: 1 };

/**
 * Groups validated long-format rows by λ into an AnchorSet and checks the
 * set as a whole: enough anchors for `use` (two for training, one for
 * evaluation), every anchor non-empty, every class present at every anchor.
 * Rows are assumed individually valid (finite, consistent widths): the
 * per-format loaders check that with row numbers. With `steps`, reports the
 * anchors built as step BUILDING_ANCHORS.
 */
export function buildAnchorSet(
  source: string,
  rows: LongRow[],
  dimY: number,
  kind: Condition['kind'],
  condDimension = 0,
  use: AnchorUse = 'training',
  steps?: ParseSteps,
): AnchorSet {
  if (rows.length === 0) throw new DataError('no data rows', { file: source });
  steps?.at(BUILDING_ANCHORS, 0, 1); // the step starts with grouping, before the anchors are counted
  const byLambda = new Map<number, LongRow[]>();
  for (const r of rows) {
    let list = byLambda.get(r.lambda);
    if (!list) byLambda.set(r.lambda, (list = []));
    list.push(r);
  }
  const lambdas = [...byLambda.keys()].sort((a, b) => a - b);
  if (lambdas.length < MIN_ANCHORS[use]) {
    throw new DataError(
      `needs at least two anchors (distinct lambda values), found ${lambdas.length} (lambda = ${lambdas[0]})`,
      { file: source },
    );
  }

  let condition: Condition;
  let classIndex: (label: ClassLabel) => number = () => -1;
  if (kind === 'class') {
    const order = orderClassLabels(rows.map((r) => r.label as ClassLabel));
    classIndex = order.indexOf;
    condition = { kind: 'class', values: order.values };
  } else if (kind === 'continuous') {
    condition = { kind: 'continuous', dim: condDimension };
  } else {
    condition = { kind: 'none' };
  }

  const anchors: Anchor[] = lambdas.map((lambda, k) => {
    const list = byLambda.get(lambda)!;
    const n = list.length;
    const y = new Float32Array(n * dimY);
    list.forEach((r, i) => y.set(r.y, i * dimY));
    const anchor: Anchor = { lambda, n, y };
    if (condition.kind === 'class') {
      const label = new Int32Array(n);
      list.forEach((r, i) => (label[i] = classIndex(r.label as ClassLabel)));
      anchor.label = label;
    } else if (condition.kind === 'continuous') {
      const c = new Float32Array(n * condition.dim);
      list.forEach((r, i) => c.set(r.c as number[], i * condition.dim));
      anchor.c = c;
    }
    steps?.at(BUILDING_ANCHORS, k + 1, lambdas.length);
    return anchor;
  });

  const set: AnchorSet = { source, dimY, condition, anchors };
  validateAnchorSet(set, use);
  return set;
}

/** Checks the invariants every consumer of an AnchorSet relies on, and that it has enough anchors for `use`. */
export function validateAnchorSet(set: AnchorSet, use: AnchorUse = 'training'): void {
  const { source, anchors, dimY, condition } = set;
  if (!(dimY >= 1)) throw new DataError('needs at least one output dimension', { file: source });
  if (anchors.length < MIN_ANCHORS[use]) {
    throw new DataError(use === 'training' ? `needs at least two anchors, found ${anchors.length}` : 'has no anchors', { file: source });
  }
  if (condition.kind === 'class') {
    const { values } = condition;
    const valid = Array.isArray(values) && values.length > 0 && values.every((v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && v.trim() !== ''));
    if (!valid || new Set(values.map(String)).size !== values.length) {
      throw new DataError('class values must be distinct integers or non-empty names', { file: source });
    }
  }
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k];
    if (!Number.isFinite(a.lambda)) throw new DataError(`anchor ${k} has a non-finite lambda`, { file: source });
    if (k > 0 && !(a.lambda > anchors[k - 1].lambda)) {
      throw new DataError(`anchors must have distinct, increasing lambda values (${anchors[k - 1].lambda} then ${a.lambda})`, { file: source });
    }
    if (a.n < 1) throw new DataError(`the anchor at lambda = ${a.lambda} has no samples`, { file: source });
    if (a.y.length !== a.n * dimY) {
      throw new DataError(`the anchor at lambda = ${a.lambda} has ${a.y.length} output values, expected ${a.n} × ${dimY}`, { file: source });
    }
    for (let i = 0; i < a.y.length; i++) {
      if (!Number.isFinite(a.y[i])) {
        throw new DataError(`the anchor at lambda = ${a.lambda} has a non-finite output at sample ${Math.floor(i / dimY)}`, { file: source });
      }
    }
    if (condition.kind === 'class') {
      if (!a.label || a.label.length !== a.n) throw new DataError(`the anchor at lambda = ${a.lambda} lacks class labels`, { file: source });
      if (a.label.some((l) => !(l >= 0 && l < condition.values.length))) {
        throw new DataError(`the anchor at lambda = ${a.lambda} has a class index outside 0…${condition.values.length - 1}`, { file: source });
      }
      const seen = new Set<number>(a.label);
      condition.values.forEach((v, i) => {
        if (!seen.has(i)) throw new DataError(`class ${v} has no samples at lambda = ${a.lambda}`, { file: source });
      });
    } else if (condition.kind === 'continuous') {
      if (!a.c || a.c.length !== a.n * condition.dim) {
        throw new DataError(`the anchor at lambda = ${a.lambda} has conditions of the wrong size (expected ${a.n} × ${condition.dim})`, { file: source });
      }
      for (let i = 0; i < a.c.length; i++) {
        if (!Number.isFinite(a.c[i])) {
          throw new DataError(`the anchor at lambda = ${a.lambda} has a non-finite condition at sample ${Math.floor(i / condition.dim)}`, { file: source });
        }
      }
    }
  }
}

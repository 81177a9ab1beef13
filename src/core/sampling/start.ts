import { normalizeC, normalizeY, type Normalization } from './normalize';
import { Rng } from '../random';
import { resizeRows, gatherRows } from '../data/groups';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import type { Rows, StartOptions } from './types';

export interface StartSet {
  /** Standardised start rows. */
  rows: Rows;
  /** Row of the first anchor each start row is (null for caller-given rows). */
  index: Int32Array | null;
  /** Labels and conditions as in the data, aligned with the samples. */
  label?: Int32Array;
  c?: Float32Array;
}

/** Resolves StartOptions against the data: the start rows of the CLOT Sampler and of every baseline. */
export function resolveStart(data: AnchorSet, norm: Normalization, opts: StartOptions): StartSet {
  const D = data.dimY;
  const cond = data.condition;
  const C = cond.kind === 'continuous' ? cond.dim : 0;
  if (opts.startRows) {
    const r = opts.startRows;
    if (r.y.length !== r.n * D) throw new HtiError(`start rows need ${r.n} × ${D} outputs`);
    if (C && (!r.c || r.c.length !== r.n * C)) throw new HtiError(`start rows need ${r.n} × ${C} conditions`);
    if (cond.kind === 'class' && (!r.label || r.label.length !== r.n)) throw new HtiError('start rows need class labels');
    return {
      rows: { n: r.n, y: normalizeY(r.y, D, norm), label: r.label, c: C ? normalizeC(r.c!, C, norm) : undefined },
      index: null,
      label: r.label,
      c: r.c,
    };
  }
  const a0 = data.anchors[0];
  const count = opts.n ?? a0.n;
  if (!Number.isInteger(count) || count < 1) throw new HtiError(`the sample count must be a positive integer, got ${opts.n}`);
  const index = opts.startIndex ?? pickRows(a0.n, count, opts.seed ?? 0);
  const y = gatherRows(a0.y, index, D);
  const label = a0.label ? Int32Array.from(index, (r) => a0.label![r]) : undefined;
  const c = C ? gatherRows(a0.c!, index, C) : undefined;
  return { rows: { n: index.length, y: normalizeY(y, D, norm), label, c: c ? normalizeC(c, C, norm) : undefined }, index, label, c };
}

/**
 * All rows in order when count equals n; a random subset when smaller; when
 * larger, every row ⌊count/n⌋ times and a random subset once more, so each row
 * keeps its share (and, under a coupling plan, its repeats fan out over all
 * its partners at the next anchor).
 */
export function pickRows(n: number, count: number, seed: number): Int32Array {
  if (count === n) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed);
  if (count < n) return rng.permutation(n).slice(0, count).sort();
  return Int32Array.from(resizeRows([...Array(n).keys()], count, rng));
}

import { DataError } from '../errors';
import { buildAnchorSet } from './build';
import { readClassLabel } from './class-labels';
import { BUILDING_ANCHORS, ParseSteps, REPORT_ROWS, type ReadOptions } from './reading';
import type { AnchorSet, Condition, LongRow } from './types';

/**
 * JSON with the same content as the long CSV:
 * { "anchors": [ { "lambda": 0, "y": [[y0, y1], …], "class": [0, 1, …] } , … ] }
 * where each anchor has either "class" (integer labels or names) or "c" (rows of
 * continuous conditions) or neither, the same kind at every anchor.
 * Progress: 'parsing JSON' (one call to JSON.parse, reported as it starts and ends), then
 * 'checking rows' (rows of y checked, of all rows), then 'building anchors' (anchors built).
 * `opts.use` 'evaluation' accepts a single λ.
 */
export function parseAnchorJson(text: string, file: string, opts: ReadOptions = {}): AnchorSet {
  const steps = new ParseSteps(['parsing JSON', 'checking rows', BUILDING_ANCHORS], opts.onProgress);
  if (!/\S/.test(text)) throw new DataError('file is empty', { file });
  const doc = steps.run('parsing JSON', (): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new DataError(`is not valid JSON (${(e as Error).message.split('\n')[0]})`, { file });
    }
  });
  const anchors = (doc as { anchors?: unknown })?.anchors;
  if (!Array.isArray(anchors)) throw new DataError('expected an object with an "anchors" array', { file });
  // Rows of y in all anchors, for progress (a malformed anchor counts none; it fails when reached).
  const totalRows = anchors.reduce((s: number, a: unknown) => s + (Array.isArray((a as { y?: unknown })?.y) ? (a as { y: unknown[] }).y.length : 0), 0);
  steps.at('checking rows', 0, totalRows);
  const where = (k: number, field: string) => `anchors[${k}].${field}`;
  let dimY = -1;
  let kind: Condition['kind'] | null = null;
  let dimC = 0;
  const rows: LongRow[] = [];
  anchors.forEach((a: unknown, k: number) => {
    if (typeof a !== 'object' || a === null) throw new DataError(`anchors[${k}] is not an object`, { file });
    const o = a as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!['lambda', 'y', 'class', 'c'].includes(key)) throw new DataError(`anchors[${k}] has unknown field "${key}"`, { file });
    }
    const lambda = o.lambda;
    if (typeof lambda !== 'number' || !Number.isFinite(lambda)) throw new DataError(`${where(k, 'lambda')} must be a finite number`, { file });
    if (!Array.isArray(o.y)) throw new DataError(`${where(k, 'y')} must be an array of rows`, { file });
    if (o.y.length === 0) throw new DataError(`the anchor at lambda = ${lambda} has no samples`, { file });
    const thisKind: Condition['kind'] = 'class' in o ? 'class' : 'c' in o ? 'continuous' : 'none';
    if ('class' in o && 'c' in o) throw new DataError(`anchors[${k}] has both "class" and "c"; use one kind of condition`, { file });
    if (kind === null) kind = thisKind;
    else if (kind !== thisKind) throw new DataError(`anchors[${k}] has a different kind of condition from anchors[0]`, { file });
    const numRow = (v: unknown, field: string, i: number, width: number): number[] => {
      if (!Array.isArray(v)) throw new DataError(`${where(k, field)}[${i}] must be an array`, { file });
      if (v.length !== width) throw new DataError(`${where(k, field)}[${i}] has ${v.length} values, expected ${width}`, { file });
      return v.map((x, j) => {
        if (typeof x !== 'number' || !Number.isFinite(x)) throw new DataError(`${where(k, field)}[${i}][${j}] is not a finite number`, { file });
        return x;
      });
    };
    const ys = o.y as unknown[];
    if (dimY < 0) {
      if (!Array.isArray(ys[0]) || (ys[0] as unknown[]).length < 1) throw new DataError(`${where(k, 'y')}[0] must be a non-empty array`, { file });
      dimY = (ys[0] as unknown[]).length;
    }
    let labels: unknown[] = [];
    let conds: unknown[] = [];
    if (thisKind === 'class') {
      if (!Array.isArray(o.class) || o.class.length !== ys.length) {
        throw new DataError(`${where(k, 'class')} must be an array with one label per row of y (${ys.length})`, { file });
      }
      labels = o.class;
    }
    if (thisKind === 'continuous') {
      if (!Array.isArray(o.c) || o.c.length !== ys.length) {
        throw new DataError(`${where(k, 'c')} must be an array with one row per row of y (${ys.length})`, { file });
      }
      conds = o.c;
      if (dimC === 0) {
        if (!Array.isArray(conds[0]) || (conds[0] as unknown[]).length < 1) throw new DataError(`${where(k, 'c')}[0] must be a non-empty array`, { file });
        dimC = (conds[0] as unknown[]).length;
      }
    }
    ys.forEach((yRow, i) => {
      const row: LongRow = { lambda, y: numRow(yRow, 'y', i, dimY) };
      if (thisKind === 'class') {
        const label = readClassLabel(labels[i]);
        if (typeof label === 'object') throw new DataError(`${where(k, 'class')}[${i}]: ${label.reason}`, { file });
        row.label = label;
      }
      if (thisKind === 'continuous') row.c = numRow(conds[i], 'c', i, dimC);
      rows.push(row);
      if (rows.length % REPORT_ROWS === 0) {
        steps.rows = rows.length;
        steps.at('checking rows', rows.length, totalRows);
      }
    });
  });
  if (anchors.length === 0 || kind === null) throw new DataError('has no anchors', { file });
  steps.rows = rows.length;
  steps.at('checking rows', rows.length, totalRows);
  return buildAnchorSet(file, rows, dimY, kind, dimC, opts.use, steps);
}

/** Writes an AnchorSet in the JSON format above (labels as written in the source). */
export function anchorSetToJson(set: AnchorSet): string {
  const D = set.dimY;
  const cond = set.condition;
  return JSON.stringify({
    anchors: set.anchors.map((a) => {
      const y = Array.from({ length: a.n }, (_, i) => Array.from(a.y.subarray(i * D, (i + 1) * D)));
      const out: Record<string, unknown> = { lambda: a.lambda, y };
      if (cond.kind === 'class') out.class = Array.from(a.label!, (l) => cond.values[l]);
      if (cond.kind === 'continuous') out.c = Array.from({ length: a.n }, (_, i) => Array.from(a.c!.subarray(i * cond.dim, (i + 1) * cond.dim)));
      return out;
    }),
  });
}

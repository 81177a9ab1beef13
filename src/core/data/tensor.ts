import { DataError } from '../errors';
import { buildAnchorSet } from './build';
import { type AnchorUse, type ParseSteps, REPORT_ROWS } from './reading';
import type { AnchorSet, Condition, LongRow } from './types';

/** How to read a [T, N, D+C] array: the λ of each of the T slices and the number D of output columns. */
export interface TensorLayout {
  lambdas: number[];
  dimY: number;
  /**
   * What the C trailing columns are. 'auto': none when C = 0; one column of
   * integers with at most 64 distinct values is a class label; otherwise continuous.
   */
  condition?: Condition['kind'] | 'auto';
}

const MAX_AUTO_CLASSES = 64;

/**
 * Builds anchors from a dense [T, N, D+C] array (row-major), as stored in .npy and the paper's .pt
 * files, reporting the rows checked as step 'checking values' of `steps` when given, then the
 * anchors built.
 */
export function anchorsFromTensor(
  data: ArrayLike<number>,
  shape: number[],
  layout: TensorLayout,
  file: string,
  use: AnchorUse = 'training',
  steps?: ParseSteps,
): AnchorSet {
  if (shape.length !== 3) throw new DataError(`expected an array of shape [T, N, D+C], got [${shape.join(', ')}]`, { file });
  const [T, N, W] = shape;
  if (T === 0 || N === 0 || W === 0) throw new DataError(`has an empty dimension: shape [${shape.join(', ')}]`, { file });
  if (data.length !== T * N * W) throw new DataError(`holds ${data.length} values, shape [${shape.join(', ')}] needs ${T * N * W} (truncated file?)`, { file });
  const { lambdas, dimY } = layout;
  if (lambdas.length !== T) throw new DataError(`has ${T} anchors (first dimension) but ${lambdas.length} lambda values were given`, { file });
  lambdas.forEach((l, i) => {
    if (!Number.isFinite(l)) throw new DataError(`lambda value ${i + 1} is not a finite number`, { file });
  });
  if (!Number.isInteger(dimY) || dimY < 1 || dimY > W) {
    throw new DataError(`output dimension D = ${dimY} does not fit the last axis of size ${W}`, { file });
  }
  const C = W - dimY;
  let kind = layout.condition ?? 'auto';
  if (kind === 'auto') {
    if (C === 0) kind = 'none';
    else if (C === 1) {
      const distinct = new Set<number>();
      let integral = true;
      for (let i = dimY; i < data.length && integral; i += W) {
        integral = Number.isInteger(data[i]);
        distinct.add(data[i]);
      }
      kind = integral && distinct.size <= MAX_AUTO_CLASSES ? 'class' : 'continuous';
    } else kind = 'continuous';
  }
  if (kind === 'none' && C !== 0) throw new DataError(`has ${C} condition columns after the ${dimY} outputs but no condition was asked for`, { file });
  if (kind === 'class' && C !== 1) throw new DataError(`a class label needs exactly one column after the ${dimY} outputs, found ${C}`, { file });
  if (kind === 'continuous' && C < 1) throw new DataError('continuous conditions need at least one column after the outputs', { file });

  const rows: LongRow[] = [];
  steps?.at('checking values', 0, T * N);
  for (let t = 0; t < T; t++) {
    for (let n = 0; n < N; n++) {
      const base = (t * N + n) * W;
      for (let j = 0; j < W; j++) {
        if (!Number.isFinite(data[base + j])) {
          throw new DataError(`non-finite value at [${t}, ${n}, ${j}]`, { file });
        }
      }
      const row: LongRow = { lambda: lambdas[t], y: Array.from({ length: dimY }, (_, j) => data[base + j]) };
      if (kind === 'class') {
        const v = data[base + dimY];
        if (!Number.isInteger(v)) throw new DataError(`class label ${v} at [${t}, ${n}, ${dimY}] is not an integer`, { file });
        row.label = v;
      } else if (kind === 'continuous') {
        row.c = Array.from({ length: C }, (_, j) => data[base + dimY + j]);
      }
      rows.push(row);
      if (steps && rows.length % REPORT_ROWS === 0) {
        steps.rows = rows.length;
        steps.at('checking values', rows.length, T * N);
      }
    }
  }
  if (steps) {
    steps.rows = rows.length;
    steps.at('checking values', rows.length, T * N);
  }
  if (new Set(lambdas).size !== lambdas.length) throw new DataError('the lambda values must be distinct', { file });
  return buildAnchorSet(file, rows, dimY, kind, C, use, steps);
}

import { DataError } from '../errors';
import type { Condition } from './types';

/**
 * The long format's columns: `lambda`, `y0…y{D-1}`, then either `class`
 * (one label: an integer or a name) or `c0…c{C-1}` (continuous conditions). Indexed
 * columns must be contiguous from 0. Shared by the CSV and JSON-rows readers
 * and by the CSV writer.
 */
export interface ColumnLayout {
  lambda: number;
  y: number[];
  label: number | null;
  c: number[];
  kind: Condition['kind'];
}

/** Column names people often use for the ones this format expects. */
const NEAR_MISSES: Record<string, string> = {
  label: 'class',
  labels: 'class',
  cls: 'class',
  target: 'class',
  category: 'class',
  t: 'lambda',
  tau: 'lambda',
  lam: 'lambda',
  'λ': 'lambda',
  hyperparameter: 'lambda',
  x: 'c0',
  x0: 'c0',
  y: 'y0',
};

/** " (rename it to …?)" when a column looks like one the format expects, else the list of expected names and what to do. */
function unknownColumnHint(name: string): string {
  const expected = expectedName(name);
  if (expected) return `; rename it to "${expected}"?`;
  // pandas' to_csv writes its index as a first column named "" or, read back and written again, "Unnamed: 0".
  const index = /^unnamed: \d+$|^index$/i.test(name) ? ', a table index as pandas writes it: save with index=False' : '';
  return ` (expected lambda, y0…, and class or c0…; delete the column${index})`;
}

/** Why a header cell may be empty: a table index (first) or a comma at the end of every row (last). */
function emptyNameHint(col: number, count: number): string {
  if (col === 0) return ' (a table index as pandas writes it? save with index=False, or delete the column)';
  if (col === count - 1) return ' (does every row end with a comma? remove the trailing commas)';
  return '';
}

/** The name the format expects that `name` looks like (a near miss, or the right name in other case), or null. */
function expectedName(name: string): string | null {
  const lower = name.toLowerCase();
  return NEAR_MISSES[lower] ?? (/^(lambda|class|[yc]\d+)$/.test(lower) ? lower : null);
}

/**
 * The hint after 'missing column "lambda"': the unknown column that looks like λ (t, tau, Lambda,
 * …), else the first unknown column that looks like nothing else the format expects, or like an
 * input (x; λ usually comes first); a column that looks like class or an output (label, y) gets
 * that column's hint instead.
 */
function lambdaHint(unknown: string[]): string {
  if (unknown.length === 0) return '';
  // "x" is as often the knob as the input, so a near miss for c0 may still be λ; "label" (class) or "y" (y0) is not.
  const named = unknown.find((n) => expectedName(n) === 'lambda') ?? unknown.find((n) => expectedName(n) === null || /^c\d+$/.test(expectedName(n)!));
  if (named === undefined) return `; the file also has unknown column "${unknown[0]}"${unknownColumnHint(unknown[0])}`;
  const rest = unknown.filter((n) => n !== named);
  return `; if "${named}" holds the hyperparameter, rename it to "lambda"${rest.length ? ` (the file also has unknown column${rest.length > 1 ? 's' : ''} ${rest.map((n) => `"${n}"`).join(', ')})` : ''}`;
}

/** A header that is one cell holding another separator: the file is not comma-separated. */
function separatorHint(names: string[]): string | null {
  if (names.length !== 1) return null;
  const sep = [';', '\t', '|'].find((c) => names[0].includes(c));
  if (!sep) return null;
  const what = sep === '\t' ? 'tab' : sep === ';' ? 'semicolon' : `"${sep}"`;
  // A semicolon file usually writes decimals with commas, so replacing the separator alone would break it.
  const replace = sep === ';' ? '' : `, or replace each ${what} by a comma`;
  return `looks ${what}-separated; HTI reads comma-separated CSV with decimal points (save it as CSV with commas${replace})`;
}

export function parseHeader(header: string[], file: string): ColumnLayout {
  const names = header.map((h) => h.trim());
  const separator = separatorHint(names);
  if (separator) throw new DataError(separator, { file, row: 1 });
  let lambda = -1;
  let label: number | null = null;
  const y = new Map<number, number>();
  const c = new Map<number, number>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  names.forEach((name, col) => {
    if (seen.has(name)) throw new DataError(`duplicate column "${name}"`, { file, row: 1 });
    seen.add(name);
    let m: RegExpMatchArray | null;
    if (name === 'lambda') lambda = col;
    else if (name === 'class') label = col;
    else if ((m = name.match(/^y(\d+)$/))) y.set(Number(m[1]), col);
    else if ((m = name.match(/^c(\d+)$/))) c.set(Number(m[1]), col);
    else if (name === '') throw new DataError(`column ${col + 1} has an empty name${emptyNameHint(col, names.length)}`, { file, row: 1 });
    else unknown.push(name);
  });
  // A missing λ first: renaming another column as an unknown-column hint suggests would only lead to this error next.
  if (lambda < 0) throw new DataError(`missing column "lambda"${lambdaHint(unknown)}`, { file, row: 1 });
  if (unknown.length > 0) throw new DataError(`unknown column "${unknown[0]}"${unknownColumnHint(unknown[0])}`, { file, row: 1 });
  if (y.size === 0) throw new DataError('missing output columns y0, y1, …', { file, row: 1 });
  const contiguous = (m: Map<number, number>, prefix: string) => {
    const out: number[] = [];
    for (let i = 0; i < m.size; i++) {
      if (!m.has(i)) throw new DataError(`missing column "${prefix}${i}" (${prefix} columns must run from ${prefix}0 without gaps)`, { file, row: 1 });
      out.push(m.get(i)!);
    }
    return out;
  };
  const yCols = contiguous(y, 'y');
  const cCols = contiguous(c, 'c');
  if (label !== null && cCols.length > 0) {
    throw new DataError('has both a "class" column and continuous c columns; use one kind of condition', { file, row: 1 });
  }
  const kind: Condition['kind'] = label !== null ? 'class' : cCols.length > 0 ? 'continuous' : 'none';
  return { lambda, y: yCols, label, c: cCols, kind };
}

/** A decimal number as CSV files write them (1, -0.5, .5, 1e-3); JavaScript's Number() would also take 0x10, 0b1 and 0o7. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The largest magnitude a float32 holds: outputs are stored as float32, where anything beyond turns infinite. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Parses one cell as a finite number, or throws naming row and column. */
export function numberCell(raw: unknown, file: string, row: number, column: string): number {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (text === '' || text === null || text === undefined) throw new DataError('empty value', { file, row, column });
  if (typeof text !== 'number' && typeof text !== 'string') throw new DataError(`${JSON.stringify(text)} is not a number`, { file, row, column });
  const v = typeof text === 'number' ? text : Number(text);
  if (typeof text === 'string' && Number.isFinite(v) && !DECIMAL.test(text)) {
    throw new DataError(`"${text}" is not a decimal number (write it as ${v})`, { file, row, column });
  }
  if (Number.isNaN(v)) throw new DataError(`"${String(text)}" is not a number`, { file, row, column });
  if (!Number.isFinite(v)) throw new DataError(`"${String(text)}" is not finite`, { file, row, column });
  if (Math.abs(v) > FLOAT32_MAX) throw new DataError(`"${String(text)}" is beyond the range of 32-bit floats (±3.4e38) the outputs are stored in`, { file, row, column });
  return v;
}

export function headerFor(dimY: number, cond: Condition): string[] {
  const h = ['lambda'];
  for (let d = 0; d < dimY; d++) h.push(`y${d}`);
  if (cond.kind === 'class') h.push('class');
  if (cond.kind === 'continuous') for (let d = 0; d < cond.dim; d++) h.push(`c${d}`);
  return h;
}

import { headerFor } from './columns';
import type { Condition } from './types';

/** Samples in the long CSV format, ready to be written or streamed. */
export interface SampleTable {
  lambda: number;
  dimY: number;
  condition: Condition;
  n: number;
  y: Float32Array;
  label?: Int32Array;
  c?: Float32Array;
}

export function toLongCsv(tables: SampleTable[]): string {
  if (tables.length === 0) return '';
  const { dimY, condition } = tables[0];
  const lines = [headerFor(dimY, condition).join(',')];
  for (const t of tables) {
    for (let i = 0; i < t.n; i++) {
      const cells: (string | number)[] = [t.lambda];
      for (let d = 0; d < dimY; d++) cells.push(fmt(t.y[i * dimY + d]));
      if (condition.kind === 'class') cells.push(csvCell(condition.values[t.label![i]]));
      if (condition.kind === 'continuous') for (let d = 0; d < condition.dim; d++) cells.push(fmt(t.c![i * condition.dim + d]));
      lines.push(cells.join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** float32 values printed with enough digits to round-trip. */
function fmt(v: number): string {
  return String(Math.fround(v) === v ? Number(v.toPrecision(9)) : v);
}

/** A class name as one CSV cell: quoted where it holds a separator, a quote or a line break. */
function csvCell(v: string | number): string | number {
  return typeof v === 'string' && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

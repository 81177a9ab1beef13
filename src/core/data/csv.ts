import Papa from 'papaparse';
import { DataError } from '../errors';
import { buildAnchorSet } from './build';
import { numberCell, parseHeader } from './columns';
import type { AnchorSet, LongRow } from './types';

/** Reads the long CSV format (see columns.ts). Rows are numbered as in a text editor: the header is row 1. */
export function parseAnchorCsv(text: string, file: string): AnchorSet {
  if (text.trim() === '') throw new DataError('file is empty', { file });
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimiter: ',' });
  const rows = parsed.data;
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new DataError(`malformed CSV: ${bad.message}`, { file, row: (bad.row ?? 0) + 1 });
  if (rows.length === 0) throw new DataError('file is empty', { file });
  const layout = parseHeader(rows[0], file);
  const width = rows[0].length;
  if (rows.length < 2) throw new DataError('has a header but no data rows', { file });
  const header = rows[0].map((h) => h.trim());
  const out: LongRow[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    const rowNo = r + 1;
    if (cells.length !== width) {
      throw new DataError(`has ${cells.length} values, the header has ${width} (truncated or malformed row)`, { file, row: rowNo });
    }
    const num = (col: number) => numberCell(cells[col], file, rowNo, header[col]);
    const row: LongRow = { lambda: num(layout.lambda), y: layout.y.map(num) };
    if (layout.label !== null) {
      const v = num(layout.label);
      if (!Number.isInteger(v)) throw new DataError(`class label "${cells[layout.label].trim()}" is not an integer`, { file, row: rowNo, column: 'class' });
      row.label = v;
    }
    if (layout.c.length) row.c = layout.c.map(num);
    out.push(row);
  }
  return buildAnchorSet(file, out, layout.y.length, layout.kind, layout.c.length);
}

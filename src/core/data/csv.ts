import Papa from 'papaparse';
import { DataError } from '../errors';
import { buildAnchorSet } from './build';
import { readClassLabel } from './class-labels';
import { numberCell, parseHeader } from './columns';
import { ParseSteps, readOptions, type ParseProgress, type ReadOptions } from './reading';
import type { AnchorSet, LongRow } from './types';

export type { ParseProgress } from './reading';

/** Characters Papa parses per chunk; progress is reported after each. */
const CHUNK_CHARS = 1 << 20;

/** Papa's 'greedy' empty line: nothing but separators and whitespace. */
const isBlank = (cells: string[]) => cells.join('').trim() === '';

/** The header's layout and a function turning each later row's cells into a checked LongRow. */
function rowReader(headerCells: string[], file: string) {
  const layout = parseHeader(headerCells, file);
  const width = headerCells.length;
  const header = headerCells.map((h) => h.trim());
  const read = (cells: string[], rowNo: number): LongRow => {
    if (cells.length !== width) {
      throw new DataError(`has ${cells.length} values, the header has ${width} (truncated or malformed row)`, { file, row: rowNo });
    }
    const num = (col: number) => numberCell(cells[col], file, rowNo, header[col]);
    const row: LongRow = { lambda: num(layout.lambda), y: layout.y.map(num) };
    if (layout.label !== null) {
      const label = readClassLabel(cells[layout.label]);
      if (typeof label === 'object') throw new DataError(label.reason, { file, row: rowNo, column: 'class' });
      row.label = label;
    }
    if (layout.c.length) row.c = layout.c.map(num);
    return row;
  };
  return { layout, read };
}

/**
 * Reads the long CSV format (see columns.ts). Rows are numbered as in a text editor: the header is row 1.
 * Parses in chunks and reports progress (characters parsed, rows read) after each, so a worker can
 * show how far a large file is. `opts.use` 'evaluation' accepts a single λ (a held-out truth).
 */
export function parseAnchorCsv(text: string, file: string, opts?: ReadOptions | ParseProgress): AnchorSet {
  const { use, onProgress } = readOptions(opts);
  const steps = new ParseSteps(['parsing CSV'], onProgress);
  if (!/\S/.test(text)) throw new DataError('file is empty', { file });
  const state: { reader: ReturnType<typeof rowReader> | null; rows: LongRow[]; papaRows: number } = { reader: null, rows: [], papaRows: 0 };
  Papa.parse<string[]>(text, {
    delimiter: ',',
    chunkSize: CHUNK_CHARS,
    chunk: (res: Papa.ParseResult<string[]>) => {
      const bad = res.errors.find((e) => e.type !== 'Delimiter');
      // Papa numbers error rows within the chunk, blank rows included.
      if (bad) throw new DataError(`malformed CSV: ${bad.message}`, { file, row: state.papaRows + (bad.row ?? 0) + 1 });
      state.papaRows += res.data.length;
      for (const cells of res.data) {
        if (isBlank(cells)) continue;
        if (!state.reader) state.reader = rowReader(cells, file);
        else state.rows.push(state.reader.read(cells, state.rows.length + 2));
      }
      steps.rows = state.rows.length;
      steps.at('parsing CSV', res.meta.cursor, text.length);
    },
    // Papa streams a string in chunks too (synchronously); its typings only allow chunk with a complete callback.
    complete: () => {},
  });
  const { reader, rows } = state;
  if (!reader) throw new DataError('file is empty', { file });
  if (rows.length === 0) throw new DataError('has a header but no data rows', { file });
  return buildAnchorSet(file, rows, reader.layout.y.length, reader.layout.kind, reader.layout.c.length, use);
}

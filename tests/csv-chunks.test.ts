import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';

/** A long-format CSV of `rows` data rows over two anchors: about 3 MB for 300,000 rows, several parse chunks. */
function longCsv(rows: number): string[] {
  const lines = ['lambda,y0'];
  for (let i = 0; i < rows; i++) lines.push(`${i % 2},${i}`);
  return lines;
}

const messageOf = (text: string) => {
  try {
    parseAnchorCsv(text, 'big.csv');
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('CSV parsed in chunks', () => {
  it('reports progress after each chunk, ending at the whole text, and reads every row', () => {
    const text = longCsv(300_000).join('\n');
    const calls: [number, number, number][] = [];
    const set = parseAnchorCsv(text, 'big.csv', (done, total, rows) => calls.push([done, total, rows]));
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(([, total]) => total === text.length)).toBe(true);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
    expect(calls[calls.length - 1]).toEqual([text.length, text.length, 300_000]);
    expect(set.anchors.map((a) => a.n)).toEqual([150_000, 150_000]);
    expect(set.anchors[1].y[149_999]).toBe(299_999);
  });

  it('numbers rows in a later chunk as the one-piece parse did', () => {
    const bad = longCsv(300_000);
    bad[250_000] = '0,x';
    bad.splice(10, 0, '', ' ');
    // The reader's own errors count data rows without blank lines (as before chunking) …
    expect(messageOf(bad.join('\n'))).toBe('big.csv, row 250001, column y0: "x" is not a number');
    const quote = longCsv(300_000);
    quote[250_000] = '0,"5';
    quote.splice(10, 0, '', ' ');
    // … Papa's count every line, blank ones too.
    expect(messageOf(quote.join('\n'))).toBe('big.csv, row 250003: malformed CSV: Quoted field unterminated');
  });
});

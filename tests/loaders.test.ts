import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';
import { anchorSetToJson, parseAnchorJson } from '../src/core/data/json';
import { parseAnchorFile } from '../src/core/data/load';
import { toLongCsv } from '../src/core/data/write-csv';
import { DataError } from '../src/core/errors';
import { npyBytes, ptBytes, smallCsv } from './helpers/fixtures';

const enc = (s: string) => new TextEncoder().encode(s);

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected a DataError');
}

describe('long CSV', () => {
  it('reads anchors, classes and unequal sample counts', () => {
    const csv = `${smallCsv([0, 0.5, 1], 3)}1,9,9,1\n`;
    const set = parseAnchorCsv(csv, 'a.csv');
    expect(set.anchors.map((a) => a.lambda)).toEqual([0, 0.5, 1]);
    expect(set.anchors.map((a) => a.n)).toEqual([6, 6, 7]);
    expect(set.dimY).toBe(2);
    expect(set.condition).toEqual({ kind: 'class', values: [0, 1] });
    expect(Array.from(set.anchors[2].y.slice(-2))).toEqual([9, 9]);
  });

  it('reads class names as written, in natural order, and writes them back quoted where needed', () => {
    const csv = 'lambda,y0,class\n0,1,dog\n0,2, cat \n0,3,"low, dose"\n0,4,class 10\n0,5,class 2\n1,1,cat\n1,2,dog\n1,3,"low, dose"\n1,4,class 10\n1,5,class 2\n';
    const set = parseAnchorCsv(csv, 'n.csv');
    expect(set.condition).toEqual({ kind: 'class', values: ['cat', 'class 2', 'class 10', 'dog', 'low, dose'] });
    expect(Array.from(set.anchors[0].label!)).toEqual([3, 0, 4, 2, 1]);
    const tables = set.anchors.map((a) => ({ lambda: a.lambda, dimY: 1, condition: set.condition, n: a.n, y: a.y, label: a.label }));
    const written = toLongCsv(tables);
    expect(written).toContain('0,3,"low, dose"');
    const back = parseAnchorCsv(written, 'back.csv');
    expect(back.condition).toEqual(set.condition);
    expect(back.anchors.map((a) => Array.from(a.label!))).toEqual(set.anchors.map((a) => Array.from(a.label!)));
    // JSON keeps the names too.
    expect(parseAnchorJson(anchorSetToJson(set), 'n.json').condition).toEqual(set.condition);
  });

  it('reads every label as a name once one label is a name, and integers written as 3.0 as integers', () => {
    const mixed = parseAnchorCsv('lambda,y0,class\n0,1,2\n0,1,dog\n1,1,2\n1,1,dog\n', 'm.csv');
    expect(mixed.condition).toEqual({ kind: 'class', values: ['2', 'dog'] });
    const ints = parseAnchorCsv('lambda,y0,class\n0,1,3.0\n0,1,10\n1,1,3\n1,1,10\n', 'i.csv');
    expect(ints.condition).toEqual({ kind: 'class', values: [3, 10] });
  });

  it('reads continuous conditions and unsorted, unequally spaced lambdas', () => {
    const csv = 'lambda,y0,c0,c1\n2,1,0.5,1\n0,2,0.5,1\n0.1,3,0.5,1\n';
    const set = parseAnchorCsv(csv, 'b.csv');
    expect(set.anchors.map((a) => a.lambda)).toEqual([0, 0.1, 2]);
    expect(set.condition).toEqual({ kind: 'continuous', dim: 2 });
    expect(Array.from(set.anchors[0].c!)).toEqual([0.5, 1]);
  });

  it.each([
    ['', 'x.csv: file is empty'],
    ['lambda,y0,z\n0,1,2\n1,1,2\n', 'x.csv, row 1: unknown column "z"'],
    ['y0,y1\n1,2\n', 'x.csv, row 1: missing column "lambda"'],
    ['lambda;y0;y1\n0;1;2\n1;1;2\n', 'x.csv, row 1: looks semicolon-separated; HTI reads comma-separated CSV with decimal points (save it as CSV with commas)'],
    ['lambda\ty0\n0\t1\n1\t2\n', 'looks tab-separated'],
    ['lambda,y0,label\n0,1,0\n1,1,0\n', 'unknown column "label"; rename it to "class"?'],
    ['t,y0\n0,1\n1,1\n', 'missing column "lambda"; if "t" holds the hyperparameter, rename it to "lambda"'],
    ['Lambda,y0\n0,1\n1,1\n', 'missing column "lambda"; if "Lambda" holds the hyperparameter, rename it to "lambda"'],
    // A missing λ comes before an unknown column: renaming "x" to "c0", as that hint would say, only leads here.
    ['x,y0,y1\n0,1,2\n1,2,3\n', 'missing column "lambda"; if "x" holds the hyperparameter, rename it to "lambda"'],
    // The column that looks like λ, not the first unknown one; one that looks like another column is not offered as λ.
    ['label,Lambda,y0\n0,0,1\n0,1,1\n', 'missing column "lambda"; if "Lambda" holds the hyperparameter, rename it to "lambda" (the file also has unknown column "label")'],
    ['label,y0,y1\n0,0,1\n1,1,1\n', 'missing column "lambda"; the file also has unknown column "label"; rename it to "class"?'],
    ['y0,tau,w\n0,1,2\n1,2,3\n', 'missing column "lambda"; if "tau" holds the hyperparameter, rename it to "lambda" (the file also has unknown column "w")'],
    ['lambda,y0,y2\n0,1,2\n', 'missing column "y1"'],
    ['lambda,class\n0,1\n', 'missing output columns'],
    ['lambda,y0,class,c0\n0,1,1,2\n', 'both a "class" column and continuous c columns'],
    ['lambda,y0\n0,1\n0,abc\n1,2\n', 'x.csv, row 3, column y0: "abc" is not a number'],
    ['lambda,y0\n0,1\n0,inf\n1,2\n', 'row 3, column y0: "inf" is not a number'],
    ['lambda,y0\n0,1\n0,Infinity\n1,2\n', 'row 3, column y0: "Infinity" is not finite'],
    // Number() reads hex, binary and octal; a CSV's numbers are decimal.
    ['lambda,y0\n0,1\n0,0x10\n1,2\n', 'row 3, column y0: "0x10" is not a decimal number (write it as 16)'],
    // Finite in float64, infinite in the float32 outputs are stored in.
    ['lambda,y0\n0,1\n0,1e300\n1,2\n', 'row 3, column y0: "1e300" is beyond the range of 32-bit floats'],
    [',lambda,y0\n0,0,1\n1,1,1\n', 'column 1 has an empty name (a table index as pandas writes it? save with index=False'],
    ['lambda,y0,\n0,1,\n1,1,\n', 'column 3 has an empty name (does every row end with a comma?'],
    ['Unnamed: 0,lambda,y0\n0,0,1\n1,1,1\n', 'unknown column "Unnamed: 0" (expected lambda, y0…, and class or c0…; delete the column, a table index as pandas writes it: save with index=False)'],
    ['id,lambda,y0\n0,0,1\n1,1,1\n', 'unknown column "id" (expected lambda, y0…, and class or c0…; delete the column)'],
    ['lambda,y0\n0,1\n0,\n1,2\n', 'row 3, column y0: empty value'],
    ['lambda,y0,y1\n0,1,2\n0,1\n', 'row 3: has 2 values, the header has 3'],
    ['lambda,y0\n0,1\n0,2\n', 'needs at least two anchors'],
    ['lambda,y0\n', 'has a header but no data rows'],
    ['lambda,y0,class\n0,1,0\n0,1,1\n1,1,0\n', 'class 1 has no samples at lambda = 1'],
    ['lambda,y0,class\n0,1,0.5\n1,1,0\n', 'row 2, column class: class label "0.5" is not an integer (a continuous condition goes in c0'],
    ['lambda,y0,class\n0,1,cat\n0,1,NaN\n1,1,cat\n', 'row 3, column class: missing class label ("NaN")'],
    ['lambda,y0,class\n0,1,cat\n0,1,\n1,1,cat\n', 'row 3, column class: empty class label'],
  ])('rejects %j with a one-line message', (text, expected) => {
    expect(errorOf(() => parseAnchorCsv(text, 'x.csv'))).toContain(expected);
  });
});

describe('JSON', () => {
  it('round-trips through the JSON writer', () => {
    const set = parseAnchorCsv(smallCsv(), 'a.csv');
    const back = parseAnchorJson(anchorSetToJson(set), 'a.json');
    expect(back.anchors.map((a) => Array.from(a.y))).toEqual(set.anchors.map((a) => Array.from(a.y)));
    expect(back.condition).toEqual(set.condition);
  });

  it.each([
    ['{', 'is not valid JSON'],
    ['{"anchors": 3}', 'expected an object with an "anchors" array'],
    ['{"anchors": [{"lambda": 0, "y": [[1]]}]}', 'needs at least two anchors'],
    ['{"anchors": [{"lambda": 0, "y": [[1, 2]]}, {"lambda": 1, "y": [[1]]}]}', 'anchors[1].y[0] has 1 values, expected 2'],
    ['{"anchors": [{"lambda": 0, "y": [[1]]}, {"lambda": 1, "y": [["a"]]}]}', 'anchors[1].y[0][0] is not a finite number'],
    ['{"anchors": [{"lambda": 0, "y": []}, {"lambda": 1, "y": [[1]]}]}', 'the anchor at lambda = 0 has no samples'],
    ['{"anchors": [{"lambda": 0, "y": [[1]], "class": [0]}, {"lambda": 1, "y": [[1]]}]}', 'different kind of condition'],
    ['{"anchors": [{"lambda": 0, "y": [[1]], "extra": 1}]}', 'unknown field "extra"'],
    ['{"anchors": [{"lambda": 0, "y": [[1]], "class": [true]}, {"lambda": 1, "y": [[1]], "class": [0]}]}', 'anchors[0].class[0]: class label true is neither an integer nor a name'],
    ['{"anchors": [{"lambda": 0, "y": [[1]], "class": [1.5]}, {"lambda": 1, "y": [[1]], "class": [0]}]}', 'anchors[0].class[0]: class label 1.5 is not an integer'],
  ])('rejects %s', (text, expected) => {
    expect(errorOf(() => parseAnchorJson(text, 'x.json'))).toContain(expected);
  });
});

describe('.npy and .pt arrays', () => {
  // [T=2, N=3, D+C=3]: outputs y0, y1 and a class label.
  const values = [0, 0, 0, 1, 1, 1, 2, 2, 0, 10, 10, 0, 11, 11, 1, 12, 12, 0];
  const layout = { lambdas: [0.1, 0.9], dimY: 2 };

  it('reads .npy with a class label detected from integer values', () => {
    const set = parseAnchorFile('a.npy', npyBytes(values, [2, 3, 3]), layout);
    expect(set.anchors.map((a) => a.lambda)).toEqual([0.1, 0.9]);
    expect(set.condition).toEqual({ kind: 'class', values: [0, 1] });
    expect(Array.from(set.anchors[1].y)).toEqual([10, 10, 11, 11, 12, 12]);
  });

  it('reads .npy conditions as continuous when asked', () => {
    const set = parseAnchorFile('a.npy', npyBytes(values, [2, 3, 3]), { ...layout, condition: 'continuous' });
    expect(set.condition).toEqual({ kind: 'continuous', dim: 1 });
  });

  it('reads the paper-style PyTorch .pt tensor', () => {
    const set = parseAnchorFile('a.pt', ptBytes(values, [2, 3, 3]), layout);
    expect(Array.from(set.anchors[0].y)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(set.anchors[0].label!)).toEqual([0, 1, 0]);
  });

  it.each([
    ['a.npy', () => npyBytes(values, [2, 3, 3]).slice(0, 100), 'truncated'],
    ['a.npy', () => new Uint8Array(0), 'file is empty'],
    ['a.npy', () => npyBytes(values, [2, 9]), 'expected an array of shape [T, N, D+C]'],
    ['a.pt', () => ptBytes(values, [2, 3, 3]).slice(0, 200), 'a.pt'],
    ['a.pt', () => enc('not a zip'), 'is not a PyTorch .pt file'],
  ])('rejects a bad %s', (name, bytes, expected) => {
    expect(errorOf(() => parseAnchorFile(name, bytes(), layout))).toContain(expected);
  });

  it('needs lambdas and D for array formats, and the right number of lambdas', () => {
    expect(errorOf(() => parseAnchorFile('a.npy', npyBytes(values, [2, 3, 3])))).toContain('--lambdas');
    expect(errorOf(() => parseAnchorFile('a.npy', npyBytes(values, [2, 3, 3]), { lambdas: [0, 1, 2], dimY: 2 }))).toContain(
      'has 2 anchors (first dimension) but 3 lambda values',
    );
    expect(errorOf(() => parseAnchorFile('a.npy', npyBytes([...values.slice(0, 8), NaN, ...values.slice(9)], [2, 3, 3]), layout))).toContain(
      'non-finite value at [0, 2, 2]',
    );
  });

  it('rejects unknown file types', () => {
    expect(errorOf(() => parseAnchorFile('a.xlsx', enc('x')))).toContain('unsupported file type ".xlsx"');
  });
});

describe('text encodings', () => {
  const bytesOf = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(new TextEncoder().encode(p)) : p)));

  it('reads UTF-8, with or without a byte-order mark, and keeps labels that differ only in an accent apart', () => {
    const set = parseAnchorFile('a.csv', bytesOf([0xef, 0xbb, 0xbf], 'lambda,y0,class\n0,1,café\n0,2,cafè\n1,1,café\n1,2,cafè\n'));
    expect(set.condition).toEqual({ kind: 'class', values: ['café', 'cafè'] });
  });

  it('refuses Latin-1 with the line of its first stray byte, and UTF-16 by its mark, each saying to save as UTF-8', () => {
    // "café" in Latin-1 on line 3: é is the lone byte 0xe9.
    const latin1 = bytesOf('lambda,y0,class\n0,1,cat\n0,2,caf', [0xe9], '\n1,1,cat\n1,2,cat\n');
    expect(errorOf(() => parseAnchorFile('l.csv', latin1))).toBe('l.csv, row 3: is not UTF-8 text (perhaps Latin-1 or Windows-1252); save it as UTF-8 (in Excel: "CSV UTF-8")');
    expect(errorOf(() => parseAnchorFile('w.csv', bytesOf([0xff, 0xfe], [108, 0, 97, 0])))).toBe('w.csv: is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")');
  });

  it('names a .tsv file as tab-separated', () => {
    expect(errorOf(() => parseAnchorFile('t.tsv', bytesOf('lambda\ty0\n')))).toContain('t.tsv: is tab-separated; HTI reads comma-separated CSV');
  });
});

import { DataError } from '../errors';
import { BUILDING_ANCHORS, ParseSteps, type ReadOptions } from './reading';
import { anchorsFromTensor, type TensorLayout } from './tensor';
import type { AnchorSet } from './types';

/** Element types read from .npy files: kind (f float, i signed, u unsigned, b bool) and byte size. */
export type NpyDtype = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/** A parsed .npy array, always C (row-major) order. 64-bit integers become (possibly rounded) numbers. */
export interface NpyArray {
  data: Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
  shape: number[];
  dtype: NpyDtype;
  littleEndian: boolean;
  /** Format version of the file, e.g. [1, 0]. */
  version: [number, number];
}

const SUPPORTED: readonly NpyDtype[] = ['f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1'];
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Reads a NumPy .npy array of shape [T, N, D+C]; λ values and D come from the caller.
 * Progress: 'decoding array' (header and data, one pass, reported as it starts and ends), then
 * 'checking values' (rows of the array checked), then 'building anchors'. `opts.use`
 * 'evaluation' accepts a single λ.
 */
export function parseAnchorNpy(bytes: ArrayBuffer, file: string, layout: TensorLayout, opts: ReadOptions = {}): AnchorSet {
  const steps = new ParseSteps(['decoding array', 'checking values', BUILDING_ANCHORS], opts.onProgress);
  if (bytes.byteLength === 0) throw new DataError('file is empty', { file });
  const arr = steps.run('decoding array', () => parseNpy(bytes, file));
  return anchorsFromTensor(arr.data, arr.shape, layout, file, opts.use, steps);
}

/**
 * Parses a .npy file (format versions 1.0, 2.0 and 3.0; little- or big-endian;
 * dtypes float32/64, int8–int64, uint8–uint64 and bool). Throws DataError naming
 * `file` when the bytes are not such a file or hold something else.
 */
export function parseNpy(bytes: ArrayBuffer | ArrayBufferView, file = 'array.npy'): NpyArray {
  const u8 = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  const fail = (problem: string): never => {
    throw new DataError(problem, { file });
  };

  if (u8.length < 10) {
    if (u8.length < 6 || MAGIC.some((b, i) => u8[i] !== b)) fail('is not a .npy file (it does not start with "\\x93NUMPY")');
    fail(`is truncated: ${u8.length} bytes, less than a .npy preamble`);
  }
  if (MAGIC.some((b, i) => u8[i] !== b)) fail('is not a .npy file (it does not start with "\\x93NUMPY")');
  const major = u8[6];
  const minor = u8[7];
  if (minor !== 0 || major < 1 || major > 3) fail(`uses .npy format version ${major}.${minor}; versions 1.0, 2.0 and 3.0 are read`);

  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let headerStart: number;
  let headerLen: number;
  if (major === 1) {
    headerStart = 10;
    headerLen = view.getUint16(8, true);
  } else {
    if (u8.length < 12) fail(`is truncated: ${u8.length} bytes, less than a version ${major}.0 .npy preamble`);
    headerStart = 12;
    headerLen = view.getUint32(8, true);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > u8.length) fail(`is truncated: the .npy header needs ${dataStart} bytes, the file has ${u8.length}`);

  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(u8.subarray(headerStart, dataStart));
  let header: unknown;
  try {
    header = parsePyLiteral(headerText);
  } catch (e) {
    fail(`has an unreadable .npy header (${(e as Error).message})`);
  }
  if (!isDict(header)) fail('has an unreadable .npy header (it is not a dictionary)');
  const dict = header as Record<string, PyValue>;
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!(key in dict)) fail(`has an unreadable .npy header (no "${key}" entry)`);
  }

  const fortran = dict.fortran_order;
  if (typeof fortran !== 'boolean') fail('has an unreadable .npy header ("fortran_order" is not True or False)');
  if (fortran) fail('Fortran-ordered arrays are not supported; save with np.ascontiguousarray');

  const shapeValue = dict.shape;
  if (!Array.isArray(shapeValue) || shapeValue.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)) {
    fail('has an unreadable .npy header ("shape" is not a tuple of sizes)');
  }
  const shape = shapeValue as number[];

  const descr = dict.descr;
  if (typeof descr !== 'string') fail('holds a structured array (several fields per element); only plain numeric arrays are read');
  const { dtype, littleEndian } = readDescr(descr as string, fail);

  const itemSize = Number(dtype[1]);
  const count = shape.reduce((a, b) => a * b, 1);
  const needed = count * itemSize;
  if (u8.length - dataStart < needed) {
    fail(`is truncated: shape [${shape.join(', ')}] of ${descr as string} needs ${needed} bytes of data, the file has ${u8.length - dataStart}`);
  }
  return { data: readData(u8, dataStart, count, dtype, littleEndian), shape, dtype, littleEndian, version: [major, minor] };
}

/** Splits a dtype string such as '<f4', '>i8' or '|b1' into a supported dtype and its byte order. */
function readDescr(descr: string, fail: (problem: string) => never): { dtype: NpyDtype; littleEndian: boolean } {
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const unsupported = () =>
    fail(`has dtype "${descr}", which is not read; use float32, float64, int8 to int64, uint8 to uint64 or bool`);
  if (!m) return unsupported();
  const [, order, kind, size] = m;
  const dtype = `${kind}${size}` as NpyDtype;
  if (!SUPPORTED.includes(dtype)) return unsupported();
  // '|' marks single-byte types (no byte order); '=' is native order, little-endian on every platform tfjs runs on.
  return { dtype, littleEndian: order !== '>' };
}

function readData(u8: Uint8Array, start: number, count: number, dtype: NpyDtype, littleEndian: boolean): NpyArray['data'] {
  const view = new DataView(u8.buffer, u8.byteOffset + start, count * Number(dtype[1]));
  // Copies the bytes into an aligned buffer and views them directly when no byte swapping is needed.
  const direct = <T>(make: (buf: ArrayBuffer) => T): T => make(u8.slice(start, start + view.byteLength).buffer);
  const hostLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const native = littleEndian === hostLittle;
  switch (dtype) {
    case 'u1':
      return direct((b) => new Uint8Array(b));
    case 'i1':
      return direct((b) => new Int8Array(b));
    case 'b1': {
      const out = direct((b) => new Uint8Array(b));
      for (let i = 0; i < out.length; i++) out[i] = out[i] ? 1 : 0;
      return out;
    }
    case 'f4':
      if (native) return direct((b) => new Float32Array(b));
      return fill(new Float32Array(count), (i) => view.getFloat32(4 * i, littleEndian));
    case 'f8':
      if (native) return direct((b) => new Float64Array(b));
      return fill(new Float64Array(count), (i) => view.getFloat64(8 * i, littleEndian));
    case 'i2':
      if (native) return direct((b) => new Int16Array(b));
      return fill(new Int16Array(count), (i) => view.getInt16(2 * i, littleEndian));
    case 'u2':
      if (native) return direct((b) => new Uint16Array(b));
      return fill(new Uint16Array(count), (i) => view.getUint16(2 * i, littleEndian));
    case 'i4':
      if (native) return direct((b) => new Int32Array(b));
      return fill(new Int32Array(count), (i) => view.getInt32(4 * i, littleEndian));
    case 'u4':
      if (native) return direct((b) => new Uint32Array(b));
      return fill(new Uint32Array(count), (i) => view.getUint32(4 * i, littleEndian));
    case 'i8':
      return fill(new Float64Array(count), (i) => Number(view.getBigInt64(8 * i, littleEndian)));
    case 'u8':
      return fill(new Float64Array(count), (i) => Number(view.getBigUint64(8 * i, littleEndian)));
  }
}

function fill<T extends { length: number; [i: number]: number }>(out: T, at: (i: number) => number): T {
  for (let i = 0; i < out.length; i++) out[i] = at(i);
  return out;
}

// ---- The header: a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

function isDict(v: unknown): v is Record<string, PyValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses the subset of Python literals that .npy headers use: dicts, tuples, lists, strings, integers, True, False, None. */
function parsePyLiteral(text: string): PyValue {
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const error = (what: string): never => {
    throw new Error(`${what} at character ${pos + 1}`);
  };
  const expect = (ch: string) => {
    skipSpace();
    if (text[pos] !== ch) error(`expected "${ch}"`);
    pos++;
  };

  const sequence = (close: string, item: () => void) => {
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return;
      }
      item();
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) error(`expected "," or "${close}"`);
    }
  };

  const value = (): PyValue => {
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) return error('unexpected end');
    if (ch === '{') {
      pos++;
      const out: Record<string, PyValue> = {};
      sequence('}', () => {
        const key = value();
        if (typeof key !== 'string') error('dictionary key is not a string');
        expect(':');
        out[key as string] = value();
      });
      return out;
    }
    if (ch === '(' || ch === '[') {
      pos++;
      const out: PyValue[] = [];
      sequence(ch === '(' ? ')' : ']', () => out.push(value()));
      return out;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, pos + 1);
      if (end < 0) error('unterminated string');
      const s = text.slice(pos + 1, end);
      if (s.includes('\\')) error('escapes in strings are not read');
      pos = end + 1;
      return s;
    }
    const word = /^[A-Za-z_]\w*/.exec(text.slice(pos));
    if (word) {
      pos += word[0].length;
      if (word[0] === 'True') return true;
      if (word[0] === 'False') return false;
      if (word[0] === 'None') return null;
      return error(`unexpected name "${word[0]}"`);
    }
    const int = /^[-+]?\d+[lL]?/.exec(text.slice(pos)); // Python 2 wrote long sizes as 3L
    if (int) {
      pos += int[0].length;
      return Number(int[0].replace(/[lL]$/, ''));
    }
    return error(`unexpected "${ch}"`);
  };

  const result = value();
  skipSpace();
  if (pos < text.length) error('unexpected text after the dictionary');
  return result;
}

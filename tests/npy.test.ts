import { describe, expect, it } from 'vitest';
import { parseAnchorFile } from '../src/core/data/load';
import { parseNpy } from '../src/core/data/npy';
import { DataError } from '../src/core/errors';

type Kind = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/** Element bytes of `values` as dtype `kind` in the given byte order. */
function encode(kind: Kind, values: number[], little: boolean): Uint8Array {
  const size = Number(kind[1]);
  const view = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, i) => {
    const at = i * size;
    if (kind === 'f4') view.setFloat32(at, v, little);
    else if (kind === 'f8') view.setFloat64(at, v, little);
    else if (kind === 'i1') view.setInt8(at, v);
    else if (kind === 'u1' || kind === 'b1') view.setUint8(at, v);
    else if (kind === 'i2') view.setInt16(at, v, little);
    else if (kind === 'u2') view.setUint16(at, v, little);
    else if (kind === 'i4') view.setInt32(at, v, little);
    else if (kind === 'u4') view.setUint32(at, v, little);
    else if (kind === 'i8') view.setBigInt64(at, BigInt(v), little);
    else view.setBigUint64(at, BigInt(v), little);
  });
  return new Uint8Array(view.buffer);
}

interface NpyOptions {
  version?: 1 | 2 | 3;
  /** The header dict as written, e.g. "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }". */
  header: string;
  data: Uint8Array;
  magic?: number[];
}

/** Builds a .npy file by hand: magic, version, header length, padded header, data. */
function npy({ version = 1, header, data, magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] }: NpyOptions): Uint8Array {
  const preamble = version === 1 ? 10 : 12;
  const headerBytes = new TextEncoder().encode(header);
  const pad = (64 - ((preamble + headerBytes.length + 1) % 64)) % 64;
  const headerLen = headerBytes.length + pad + 1;
  const out = new Uint8Array(preamble + headerLen + data.length);
  out.set(magic, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  out.set(headerBytes, preamble);
  out.fill(0x20, preamble + headerBytes.length, preamble + headerLen - 1);
  out[preamble + headerLen - 1] = 0x0a;
  out.set(data, preamble + headerLen);
  return out;
}

const dict = (descr: string, shape: string, fortran = 'False') => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('.npy parser', () => {
  it.each<[string, Kind, string, 1 | 2 | 3, number[]]>([
    ['float32 little-endian, version 1.0', 'f4', '<', 1, [1.5, -2.25, 0, 3e10, -1e-3, 7]],
    ['float32 big-endian, version 2.0', 'f4', '>', 2, [1.5, -2.25, 0, 3e10, -1e-3, 7]],
    ['float64 little-endian, version 3.0', 'f8', '<', 3, [Math.PI, -Math.E, 1e-300, 1e300, 0, -0.5]],
    ['float64 big-endian, version 1.0', 'f8', '>', 1, [Math.PI, -Math.E, 1e-300, 1e300, 0, -0.5]],
    ['int8', 'i1', '|', 1, [-128, -1, 0, 1, 64, 127]],
    ['uint8', 'u1', '|', 1, [0, 1, 2, 128, 200, 255]],
    ['int16 big-endian', 'i2', '>', 1, [-32768, -300, 0, 1, 300, 32767]],
    ['uint16 little-endian', 'u2', '<', 2, [0, 1, 256, 4000, 40000, 65535]],
    ['int32 little-endian', 'i4', '<', 1, [-2147483648, -70000, 0, 1, 70000, 2147483647]],
    ['int32 big-endian', 'i4', '>', 3, [-2147483648, -70000, 0, 1, 70000, 2147483647]],
    ['uint32 big-endian', 'u4', '>', 1, [0, 1, 65536, 3e9, 4294967295, 12]],
    ['int64 little-endian', 'i8', '<', 1, [-(2 ** 40), -1, 0, 1, 2 ** 40, 2 ** 53 - 1]],
    ['int64 big-endian', 'i8', '>', 2, [-(2 ** 40), -1, 0, 1, 2 ** 40, 2 ** 53 - 1]],
    ['uint64 little-endian', 'u8', '<', 1, [0, 1, 2 ** 32, 2 ** 40, 2 ** 53 - 1, 5]],
  ])('reads %s', (_, kind, order, version, values) => {
    const bytes = npy({ version, header: dict(`${order}${kind}`, '(2, 3)'), data: encode(kind, values, order !== '>') });
    const arr = parseNpy(bytes, 'x.npy');
    expect(arr.shape).toEqual([2, 3]);
    expect(arr.dtype).toBe(kind);
    expect(arr.version).toEqual([version, 0]);
    expect(arr.littleEndian).toBe(order !== '>');
    const expected = kind === 'f4' ? Array.from(new Float32Array(values)) : values;
    expect(Array.from(arr.data)).toEqual(expected);
  });

  it('reads bool as 0 and 1', () => {
    const arr = parseNpy(npy({ header: dict('|b1', '(4,)'), data: Uint8Array.from([0, 1, 1, 0]) }));
    expect(arr.dtype).toBe('b1');
    expect(Array.from(arr.data)).toEqual([0, 1, 1, 0]);
  });

  it('reads a 3-d array and keeps row-major order', () => {
    const values = Array.from({ length: 24 }, (_, i) => i / 2);
    const arr = parseNpy(npy({ header: dict('<f8', '(2, 3, 4)'), data: encode('f8', values, true) }));
    expect(arr.shape).toEqual([2, 3, 4]);
    expect(arr.data).toBeInstanceOf(Float64Array);
    expect(Array.from(arr.data)).toEqual(values);
  });

  it('reads scalars, empty arrays and header variants', () => {
    expect(parseNpy(npy({ header: dict('<f4', '()'), data: encode('f4', [2.5], true) }))).toMatchObject({ shape: [] });
    expect(Array.from(parseNpy(npy({ header: dict('<f4', '()'), data: encode('f4', [2.5], true) })).data)).toEqual([2.5]);
    expect(parseNpy(npy({ header: dict('<f4', '(0, 3)'), data: new Uint8Array(0) })).data.length).toBe(0);
    // Key order, double quotes, no trailing comma, and Python 2 long sizes (3L) are all valid headers.
    const odd = `{"shape": (1L, 3L), "fortran_order": False, "descr": "<i2"}`;
    const arr = parseNpy(npy({ header: odd, data: encode('i2', [7, -8, 9], true) }));
    expect(arr.shape).toEqual([1, 3]);
    expect(Array.from(arr.data)).toEqual([7, -8, 9]);
  });

  it('reads from a view into a larger buffer and ignores bytes after the data', () => {
    const file = npy({ header: dict('<f4', '(2,)'), data: encode('f4', [1, 2], true) });
    const big = new Uint8Array(file.length + 7);
    big.set(file, 3);
    expect(Array.from(parseNpy(big.subarray(3, 3 + file.length)).data)).toEqual([1, 2]);
    expect(Array.from(parseNpy(big.subarray(3)).data)).toEqual([1, 2]);
  });

  it.each<[string, () => Uint8Array, string]>([
    ['bad magic', () => npy({ header: dict('<f4', '(1,)'), data: encode('f4', [1], true), magic: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x5a] }), 'is not a .npy file'],
    ['a text file', () => new TextEncoder().encode('lambda,y0\n0,1\n'), 'is not a .npy file'],
    ['a 3-byte file', () => Uint8Array.from([0x93, 0x4e, 0x55]), 'is not a .npy file'],
    ['only the magic', () => Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]), 'is truncated'],
    ['an unknown version', () => {
      const b = npy({ header: dict('<f4', '(1,)'), data: encode('f4', [1], true) });
      b[6] = 4;
      return b;
    }, 'format version 4.0'],
    ['fortran order', () => npy({ header: dict('<f4', '(2, 2)', 'True'), data: encode('f4', [1, 2, 3, 4], true) }), 'Fortran-ordered arrays are not supported'],
    ['complex numbers', () => npy({ header: dict('<c8', '(1,)'), data: new Uint8Array(8) }), 'dtype "<c8", which is not read'],
    ['float16', () => npy({ header: dict('<f2', '(1,)'), data: new Uint8Array(2) }), 'dtype "<f2"'],
    ['strings', () => npy({ header: dict('<U3', '(1,)'), data: new Uint8Array(12) }), 'dtype "<U3"'],
    ['objects', () => npy({ header: dict('|O', '(1,)'), data: new Uint8Array(8) }), 'dtype "|O"'],
    ['a structured dtype', () => npy({ header: `{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }`, data: new Uint8Array(8) }), 'structured array'],
    ['truncated data', () => npy({ header: dict('<f8', '(2, 3)'), data: encode('f8', [1, 2, 3, 4, 5], true) }), 'is truncated: shape [2, 3] of <f8 needs 48 bytes of data, the file has 40'],
    ['a truncated header', () => npy({ header: dict('<f4', '(2,)'), data: encode('f4', [1, 2], true) }).slice(0, 40), 'is truncated: the .npy header needs 128 bytes, the file has 40'],
    ['a garbled header', () => npy({ header: `{'descr': '<f4', 'fortran_order': False, 'shape': (2,`, data: encode('f4', [1, 2], true) }), 'unreadable .npy header'],
    ['a header without shape', () => npy({ header: `{'descr': '<f4', 'fortran_order': False}`, data: encode('f4', [1], true) }), 'no "shape" entry'],
    ['a negative size', () => npy({ header: dict('<f4', '(-1, 2)'), data: new Uint8Array(0) }), '"shape" is not a tuple of sizes'],
  ])('rejects %s', (_, bytes, expected) => {
    const message = errorOf(() => parseNpy(bytes(), 'bad.npy'));
    expect(message).toContain(expected);
    expect(message.startsWith('bad.npy: ')).toBe(true);
  });
});

describe('.npy anchors through parseAnchorFile', () => {
  const values = [0, 0, 0, 1, 1, 1, 2, 2, 0, 10, 10, 0, 11, 11, 1, 12, 12, 0];
  const layout = { lambdas: [0.1, 0.9], dimY: 2 };

  it('reads big-endian float64 and int32 files alike', () => {
    for (const [descr, kind, little] of [['>f8', 'f8', false], ['<i4', 'i4', true], ['<i8', 'i8', true]] as const) {
      const set = parseAnchorFile('a.npy', npy({ version: 2, header: dict(descr, '(2, 3, 3)'), data: encode(kind, values, little) }), layout);
      expect(set.condition).toEqual({ kind: 'class', values: [0, 1] });
      expect(Array.from(set.anchors[1].y)).toEqual([10, 10, 11, 11, 12, 12]);
    }
  });

  it('names the file in errors', () => {
    const bytes = npy({ header: dict('<f4', '(3, 3, 2)', 'True'), data: encode('f4', new Array(18).fill(0), true) });
    expect(errorOf(() => parseAnchorFile('data/anchors.npy', bytes, layout))).toBe(
      'data/anchors.npy: Fortran-ordered arrays are not supported; save with np.ascontiguousarray',
    );
  });
});

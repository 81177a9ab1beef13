import { unzipSync } from 'fflate';
import { DataError } from '../errors';
import { unpickle } from './pickle';
import { BUILDING_ANCHORS, ParseSteps, REPORT_VALUES, type ReadOptions } from './reading';
import { anchorsFromTensor, type TensorLayout } from './tensor';
import type { AnchorSet } from './types';

/**
 * Reads a PyTorch `torch.save` file (zip of data.pkl + raw storages) holding
 * one float tensor of shape [T, N, D+C], as the paper's anchor files are.
 * Progress: 'unzipping' (one call, reported as it starts and ends), 'decoding tensor' (elements
 * read from the storage), 'checking values' (rows checked), then 'building anchors'. `opts.use`
 * 'evaluation' accepts a single λ.
 */
export function parseAnchorPt(bytes: Uint8Array, file: string, layout: TensorLayout, opts: ReadOptions = {}): AnchorSet {
  const steps = new ParseSteps(['unzipping', 'decoding tensor', 'checking values', BUILDING_ANCHORS], opts.onProgress);
  const { data, shape } = readTorchTensor(bytes, file, steps);
  return anchorsFromTensor(data, shape, layout, file, opts.use, steps);
}

interface StorageRef {
  dtype: 'float32' | 'float64' | 'float16' | 'int64' | 'int32';
  key: string;
}

interface TensorRef {
  storage: StorageRef;
  offset: number;
  size: number[];
  stride: number[];
}

const STORAGE_TYPES: Record<string, StorageRef['dtype']> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  LongStorage: 'int64',
  IntStorage: 'int32',
};
const DTYPE_NAMES: Record<string, StorageRef['dtype']> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  float16: 'float16',
  half: 'float16',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
};

function readTorchTensor(bytes: Uint8Array, file: string, steps: ParseSteps): { data: Float64Array; shape: number[] } {
  if (bytes.byteLength === 0) throw new DataError('file is empty', { file });
  const entries = steps.run('unzipping', () => {
    try {
      return unzipSync(bytes);
    } catch {
      throw new DataError('is not a PyTorch .pt file (not a zip archive; legacy non-zip torch.save files are not supported)', { file });
    }
  });
  const pklName = Object.keys(entries).find((n) => n.endsWith('data.pkl'));
  if (!pklName) throw new DataError('is not a PyTorch .pt file (no data.pkl inside)', { file });
  const prefix = pklName.slice(0, -'data.pkl'.length);

  let root: unknown;
  try {
    root = unpickle(entries[pklName], {
      resolve(module, name) {
        if (module === 'torch._utils' && name === '_rebuild_tensor_v2') {
          return (args) => {
            const [storage, offset, size, stride] = args as [StorageRef, number, number[], number[]];
            return { storage, offset, size, stride } satisfies TensorRef;
          };
        }
        if (module === 'torch' && name in STORAGE_TYPES) return () => STORAGE_TYPES[name];
        if (module === 'torch' && name in DTYPE_NAMES) return () => DTYPE_NAMES[name];
        if (module === 'collections' && name === 'OrderedDict') return () => new Map();
        if (module === 'torch._utils' && name === '_rebuild_parameter') return (args) => args[0];
        throw new Error(`holds an object of type ${module}.${name}, expected a plain tensor`);
      },
      persistentLoad(pid) {
        const t = pid as unknown[];
        if (!Array.isArray(t) || t[0] !== 'storage') throw new Error('has an unknown persistent reference');
        const typ = t[1];
        const dtype = typeof typ === 'string' ? (STORAGE_TYPES[typ] ?? DTYPE_NAMES[typ]) : typeof typ === 'function' ? (typ as () => StorageRef['dtype'])() : undefined;
        if (!dtype) throw new Error(`has an unsupported storage type ${String(typ)}`);
        return { dtype, key: String(t[2]) } satisfies StorageRef;
      },
    });
  } catch (e) {
    throw new DataError(`could not be read as a tensor: ${(e as Error).message}`, { file });
  }
  const ref = root as TensorRef;
  if (!ref || typeof ref !== 'object' || !('storage' in ref) || !Array.isArray(ref.size)) {
    throw new DataError('does not hold a single tensor (a dict or list of tensors is not supported)', { file });
  }
  const raw = entries[`${prefix}data/${ref.storage.key}`];
  if (!raw) throw new DataError(`is missing tensor storage data/${ref.storage.key}`, { file });
  const bigEndian = new TextDecoder().decode(entries[`${prefix}byteorder`] ?? new Uint8Array()).trim() === 'big';
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const itemSize = { float32: 4, float64: 8, float16: 2, int64: 8, int32: 4 }[ref.storage.dtype];
  const count = raw.byteLength / itemSize;
  const read = (i: number): number => {
    const o = i * itemSize;
    switch (ref.storage.dtype) {
      case 'float32': return view.getFloat32(o, !bigEndian);
      case 'float64': return view.getFloat64(o, !bigEndian);
      case 'int32': return view.getInt32(o, !bigEndian);
      case 'int64': return Number(view.getBigInt64(o, !bigEndian));
      case 'float16': return half(view.getUint16(o, !bigEndian));
    }
  };
  const shape = ref.size.map(Number);
  const total = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(total);
  steps.at('decoding tensor', 0, total);
  // Honour strides so that views (e.g. transposed tensors) read correctly.
  const idx = new Array(shape.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    if (flat % REPORT_VALUES === 0 && flat > 0) steps.at('decoding tensor', flat, total);
    let src = ref.offset;
    for (let d = 0; d < shape.length; d++) src += idx[d] * ref.stride[d];
    if (src >= count) throw new DataError(`tensor data is truncated (needs element ${src}, storage has ${count})`, { file });
    out[flat] = read(src);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  steps.at('decoding tensor', total, total);
  return { data: out, shape };
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

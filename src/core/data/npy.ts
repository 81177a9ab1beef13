import { parse } from 'npyjs';
import { DataError } from '../errors';
import { anchorsFromTensor, type TensorLayout } from './tensor';
import type { AnchorSet } from './types';

/** Reads a NumPy .npy array of shape [T, N, D+C]; λ values and D come from the caller. */
export function parseAnchorNpy(bytes: ArrayBuffer, file: string, layout: TensorLayout): AnchorSet {
  if (bytes.byteLength === 0) throw new DataError('file is empty', { file });
  let arr: { data: ArrayLike<number | bigint>; shape: number[]; fortranOrder?: boolean };
  try {
    arr = parse(bytes) as unknown as typeof arr;
  } catch (e) {
    throw new DataError(`is truncated or not a .npy file (${(e as Error).message.split('\n')[0]})`, { file });
  }
  if (arr.fortranOrder) throw new DataError('Fortran-ordered arrays are not supported; save with np.ascontiguousarray', { file });
  const data = arr.data;
  const numeric: ArrayLike<number> =
    data.length > 0 && typeof data[0] === 'bigint' ? Array.from(data as ArrayLike<bigint>, Number) : (data as ArrayLike<number>);
  return anchorsFromTensor(numeric, arr.shape, layout, file);
}

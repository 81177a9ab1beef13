import { DataError } from '../errors';
import { parseAnchorCsv } from './csv';
import { parseAnchorJson } from './json';
import { parseAnchorNpy } from './npy';
import { parseAnchorPt } from './pt';
import { readOptions, type ParseProgress, type ReadOptions } from './reading';
import type { TensorLayout } from './tensor';
import type { AnchorSet } from './types';

export const ANCHOR_FILE_EXTENSIONS = ['.csv', '.json', '.npy', '.pt', '.pth'] as const;

/**
 * Reads anchor data by file extension. Array formats (.npy, .pt) carry no
 * column names, so they need `layout` (λ per slice and the output dimension D).
 * `opts.use` says what the data are for: 'training' (the default) needs two or
 * more λ, 'evaluation' (a held-out truth) one or more. `opts.onProgress` hears
 * each reader's steps as it works (see reading.ts); a bare callback is taken as
 * `onProgress`.
 */
export function parseAnchorFile(name: string, bytes: Uint8Array, layout?: TensorLayout, opts?: ReadOptions | ParseProgress): AnchorSet {
  const options = readOptions(opts);
  const lower = name.toLowerCase();
  const ext = lower.slice(lower.lastIndexOf('.'));
  const needLayout = (): TensorLayout => {
    if (!layout) throw new DataError(`${ext} files need the lambda of each anchor and the output dimension D (e.g. --lambdas 0,0.5,1 --dim-y 2)`, { file: name });
    return layout;
  };
  switch (ext) {
    case '.csv':
      return parseAnchorCsv(new TextDecoder().decode(bytes), name, options);
    case '.json':
      return parseAnchorJson(new TextDecoder().decode(bytes), name, options);
    case '.npy': {
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return parseAnchorNpy(buf, name, needLayout(), options);
    }
    case '.pt':
    case '.pth':
      return parseAnchorPt(bytes, name, needLayout(), options);
    default:
      throw new DataError(`unsupported file type "${ext}" (use ${ANCHOR_FILE_EXTENSIONS.join(', ')})`, { file: name });
  }
}

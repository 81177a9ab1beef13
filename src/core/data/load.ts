import { DataError } from '../errors';
import { parseAnchorCsv, type ParseProgress } from './csv';
import { parseAnchorJson } from './json';
import { parseAnchorNpy } from './npy';
import { parseAnchorPt } from './pt';
import type { TensorLayout } from './tensor';
import type { AnchorSet } from './types';

export const ANCHOR_FILE_EXTENSIONS = ['.csv', '.json', '.npy', '.pt', '.pth'] as const;

/**
 * Reads anchor data by file extension. Array formats (.npy, .pt) carry no
 * column names, so they need `layout` (λ per slice and the output dimension D).
 * `onProgress` hears how far a CSV file's parsing is (the other formats parse in one go).
 */
export function parseAnchorFile(name: string, bytes: Uint8Array, layout?: TensorLayout, onProgress?: ParseProgress): AnchorSet {
  const lower = name.toLowerCase();
  const ext = lower.slice(lower.lastIndexOf('.'));
  const needLayout = (): TensorLayout => {
    if (!layout) throw new DataError(`${ext} files need the lambda of each anchor and the output dimension D (e.g. --lambdas 0,0.5,1 --dim-y 2)`, { file: name });
    return layout;
  };
  switch (ext) {
    case '.csv':
      return parseAnchorCsv(new TextDecoder().decode(bytes), name, onProgress);
    case '.json':
      return parseAnchorJson(new TextDecoder().decode(bytes), name);
    case '.npy': {
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return parseAnchorNpy(buf, name, needLayout());
    }
    case '.pt':
    case '.pth':
      return parseAnchorPt(bytes, name, needLayout());
    default:
      throw new DataError(`unsupported file type "${ext}" (use ${ANCHOR_FILE_EXTENSIONS.join(', ')})`, { file: name });
  }
}

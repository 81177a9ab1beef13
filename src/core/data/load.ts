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
      return parseAnchorCsv(utf8Text(bytes, name), name, options);
    case '.json':
      return parseAnchorJson(utf8Text(bytes, name), name, options);
    case '.npy': {
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return parseAnchorNpy(buf, name, needLayout(), options);
    }
    case '.pt':
    case '.pth':
      return parseAnchorPt(bytes, name, needLayout(), options);
    case '.tsv':
      throw new DataError('is tab-separated; HTI reads comma-separated CSV (save it as .csv with commas)', { file: name });
    default:
      throw new DataError(`unsupported file type "${ext}" (use ${ANCHOR_FILE_EXTENSIONS.join(', ')})`, { file: name });
  }
}

/**
 * The file's text, strictly as UTF-8: a file saved in another encoding would otherwise have its
 * non-ASCII bytes replaced by U+FFFD, which silently merges class labels such as café and cafè.
 */
function utf8Text(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DataError('is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")', { file });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The line of the first byte that is not UTF-8, for the user to find.
    let line = 1;
    const bad = firstInvalidUtf8(bytes);
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new DataError('is not UTF-8 text (perhaps Latin-1 or Windows-1252); save it as UTF-8 (in Excel: "CSV UTF-8")', { file, row: line });
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence (the decoder reports no position). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection; streamed, so a cut inside a sequence waits for its rest instead of reading as invalid.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

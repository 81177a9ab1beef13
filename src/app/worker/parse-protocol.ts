import type { ParsePhase } from '../../core/data/reading';
import type { TensorLayout } from '../../core/data/tensor';
import type { AnchorSet } from '../../core/data/types';

/** The typed boundary between the UI and the file-parsing worker (upload of anchor files). */

/**
 * How far a file is: its bytes read, then the reader's steps (core/data/reading.ts): `done` of
 * `total` units of the step `phase` (CSV: characters parsed; JSON: parsing, then rows checked;
 * .npy and .pt: decoding the array, then rows checked), with the data rows so far.
 */
export interface ParseProgress {
  stage: 'reading' | 'parsing';
  done: number;
  total: number;
  /** Data rows read so far (0 while reading and until the reader reaches the rows). */
  rows: number;
  /** The reader's step while parsing: its label, its index and how many steps there are. */
  phase?: ParsePhase;
}

export interface ParseApi {
  /**
   * Reads and parses an anchor file by its extension (core/data/load.ts), calling `onProgress` as
   * it goes (a comlink proxy). Rejects with the reader's one-line message on a bad file.
   */
  parse(file: File, layout: TensorLayout | undefined, onProgress: (p: ParseProgress) => void): Promise<AnchorSet>;
}

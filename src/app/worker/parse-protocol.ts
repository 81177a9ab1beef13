import type { TensorLayout } from '../../core/data/tensor';
import type { AnchorSet } from '../../core/data/types';

/** The typed boundary between the UI and the file-parsing worker (upload of anchor files). */

/** How far a file is: its bytes read, then (CSV) its characters parsed, with the data rows so far. */
export interface ParseProgress {
  stage: 'reading' | 'parsing';
  done: number;
  total: number;
  /** Data rows parsed so far (CSV only; 0 while reading). */
  rows: number;
}

export interface ParseApi {
  /**
   * Reads and parses an anchor file by its extension (core/data/load.ts), calling `onProgress` as
   * it goes (a comlink proxy). Rejects with the reader's one-line message on a bad file.
   */
  parse(file: File, layout: TensorLayout | undefined, onProgress: (p: ParseProgress) => void): Promise<AnchorSet>;
}

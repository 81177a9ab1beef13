import * as Comlink from 'comlink';
import type { TensorLayout } from '../../core/data/tensor';
import type { AnchorSet } from '../../core/data/types';
import type { ParseApi, ParseProgress } from './parse-protocol';

/** The rejection of a parse that was cancelled (by the user, or by a newer upload). */
export class ParseCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ParseCancelled';
  }
}

export interface ParseJob {
  /** The parsed file; rejects with the reader's message, or with ParseCancelled. Always settles. */
  result: Promise<AnchorSet>;
  /** Stops the parse at once (the worker is terminated mid-file). */
  cancel(): void;
}

/**
 * Parses one anchor file in a worker of its own. Cancel rejects the job at once and terminates
 * the worker, which stops even a parse in the middle of a synchronous loop; a terminated worker
 * never answers, so the job settles through that rejection, as it does when the worker crashes.
 */
export function parseInWorker(file: File, layout: TensorLayout | undefined, onProgress: (p: ParseProgress) => void): ParseJob {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  } catch (e) {
    return { result: Promise.reject(e), cancel: () => {} };
  }
  let stop: (reason: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  worker.onerror = (e) => {
    e.preventDefault();
    stop(new Error(`the file reader failed: ${e.message || 'the worker stopped'}`));
  };
  const api = Comlink.wrap<ParseApi>(worker);
  const result = Promise.race([api.parse(file, layout, Comlink.proxy(onProgress)), stopped]).finally(() => worker.terminate());
  return { result, cancel: () => stop(new ParseCancelled()) };
}

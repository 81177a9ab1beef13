import { oneLine } from '../../core/errors';

/**
 * An error as one line for people: the worker's own errors (HtiError, DataError, or a plain Error
 * it throws) are phrased for people already, so only other kinds (a TypeError, say) keep their
 * name. Used on both sides of the boundary: comlink rebuilds a thrown error with its name, so a
 * rejection reads the same as the worker's own 'failed' state.
 */
export function workerMessage(e: unknown): string {
  if (e instanceof Error && ['HtiError', 'DataError', 'Error'].includes(e.name)) return e.message.split('\n')[0];
  return oneLine(e);
}

import { HtiError } from '../errors';
import { TrainingSession, type SessionProgress } from '../session/training-session';
import type { Surrogate } from '../sampling/types';

export { createSurrogate, type MethodSettings } from './registry';

/**
 * Trains any surrogate in place to its planned steps through a training
 * session (no checkpoints: a failed step rejects, with the error as thrown where it is one of
 * ours, HtiError); resolves with whether it
 * finished (false when aborted). The session does not own `s`.
 */
export async function trainSurrogate(s: Surrogate, opts: { signal?: AbortSignal; onProgress?: (p: SessionProgress) => void } = {}): Promise<boolean> {
  let failure = '';
  const session = new TrainingSession({ onProgress: opts.onProgress, onState: (state, message) => state === 'failed' && (failure = message ?? 'training failed') });
  await session.install(s);
  const outcome = await session.run({ signal: opts.signal });
  await session.detach();
  // Our own errors (bad data, a size limit, divergence) come back as thrown, so callers can act on their type.
  if (outcome === 'failed') throw session.failure instanceof HtiError ? session.failure : new Error(failure);
  return outcome === 'completed' && !opts.signal?.aborted;
}

import type { ClotModel } from '../../core/clot/model';
import type { DebugMessage, InjectedFailure } from './protocol';
import { injectFailure } from './step-failure';

/**
 * The training worker's test-only entry point (protocol.ts, DebugMessage): the end-to-end tests
 * post a plain message that comlink ignores, and the next training step or fields call fails.
 */
let injected: InjectedFailure | null = null;

export function listenForDebugMessages(): void {
  self.addEventListener('message', (e: MessageEvent<unknown>) => {
    const msg = e.data as DebugMessage | null;
    if (msg?.type === 'debug-inject-failure') injected = msg.kind;
  });
}

/** Before a step: poisons the weights if a NaN was asked for. */
export function poisonIfAsked(m: ClotModel): void {
  if (injected !== 'nan') return;
  injected = null;
  injectFailure(m, 'nan');
}

/** Before a fields call: fails it if that was asked for. */
export function failFieldsIfAsked(): void {
  if (injected !== 'fields') return;
  injected = null;
  throw new Error('injected failure (test hook)');
}

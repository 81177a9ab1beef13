import * as tf from '@tensorflow/tfjs-core';
// The cpu backend is always there, as the last fallback; webgl is registered by the browser
// workers (src/app/worker/backend-select.ts); wasm and webgpu load on demand below.
import '@tensorflow/tfjs-backend-cpu';
import { HtiError } from '../errors';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/**
 * Switches tfjs to `name`, loading its package on demand. Checks the return
 * value of setBackend: a failed switch can leave getBackend() reporting the
 * requested name (seen with webgpu), so that is never trusted alone.
 */
export async function switchBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu' && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    throw new HtiError('the webgpu backend needs WebGPU (navigator.gpu), which this environment lacks; use wasm or cpu');
  }
  await registerTfjsExtras();
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (e) {
    throw new HtiError(`the ${name} backend could not start: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!ok || tf.getBackend() !== name) throw new HtiError(`the ${name} backend is not available here`);
}

let extras: Promise<void> | undefined;

/**
 * Registers the gradients and chained tensor methods (x.reshape(...)) that tfjs-core leaves out
 * and the umbrella @tensorflow/tfjs registered on import; switchBackend does this first, and every
 * program (CLI, tests, benchmarks, workers) starts tfjs through switchBackend. Not at import time:
 * a top-level await here would delay the workers' message handlers past their first message.
 *
 * Under Vite (the app's workers, vitest) they come from ./extras. Node without a bundler
 * (the CLI and benchmarks, run by tsx) cannot import those two files of tfjs-core: they are ES
 * module sources that import relative paths without an extension, and `./gradients` is both a
 * file and a folder. So there they are required, with tsx's CommonJS hooks compiling them. Node
 * runs tfjs-core itself from its CommonJS build, so this is a second copy of its internals; it
 * registers into the same engine, as tfjs-core keeps its engine and registries on globalThis.
 * Costs about 0.4 s in Node (tsx caches what it compiled).
 */
function registerTfjsExtras(): Promise<void> {
  extras ??= (async () => {
    if (import.meta.env) {
      await import('./extras');
      return;
    }
    const tsxCjsApi = 'tsx/cjs/api';
    const tsx = (await import(/* @vite-ignore */ tsxCjsApi)) as typeof import('tsx/cjs/api');
    const nodeModule = process.getBuiltinModule?.('node:module');
    if (!nodeModule) throw new HtiError('this needs Node 20.16 or later (process.getBuiltinModule)');
    const require = nodeModule.createRequire(import.meta.url);
    const unregister = tsx.register();
    try {
      require('@tensorflow/tfjs-core/dist/register_all_gradients');
      require('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
    } finally {
      unregister();
    }
  })();
  return extras;
}

export function isBackendName(v: string): v is BackendName {
  return (BACKENDS as readonly string[]).includes(v);
}

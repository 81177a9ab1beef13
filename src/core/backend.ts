import * as tf from '@tensorflow/tfjs';
import { HtiError } from './errors';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/**
 * Switches tfjs to `name`, loading its package on demand. Checks the return
 * value of setBackend: a failed switch can leave getBackend() reporting the
 * requested name (seen with webgpu), so that is never trusted alone.
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu' && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    throw new HtiError('the webgpu backend needs WebGPU (navigator.gpu), which this environment lacks; use wasm or cpu');
  }
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

export function isBackendName(v: string): v is BackendName {
  return (BACKENDS as readonly string[]).includes(v);
}

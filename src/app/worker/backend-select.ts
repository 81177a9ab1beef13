import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKENDS, useBackend, type BackendName } from '../../core/backend';
import type { BackendChoice } from './protocol';

// tfjs 4.22's threaded wasm build starts its pthread workers from a blob of its own
// (minified) script, which fails once bundled ("e is not defined" in the blob worker):
// run the SIMD single-threaded build, and say so in the backend readout.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { architecture?: string; vendor?: string; description?: string };
}

/** Whether a hardware WebGPU adapter exists, and why not otherwise. */
async function probeWebGpu(): Promise<{ hardware: boolean; why: string }> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { hardware: false, why: 'this browser has no WebGPU' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { hardware: false, why: 'no WebGPU adapter' };
  const arch = adapter.info?.architecture ?? '';
  if (adapter.isFallbackAdapter || /swiftshader/i.test(arch)) return { hardware: false, why: 'WebGPU adapter is software only' };
  return { hardware: true, why: `hardware WebGPU adapter${adapter.info?.vendor ? ` (${adapter.info.vendor})` : ''}` };
}

const isolated = () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

/**
 * Picks and starts a backend. 'auto': WebGPU on a hardware adapter; else wasm
 * (threaded when the page is cross-origin isolated), then WebGL, then CPU.
 * An explicit choice is honoured or fails over the same way, saying why.
 */
export async function selectBackend(choice: BackendChoice): Promise<{ name: BackendName; reason: string }> {
  const order: BackendName[] = [];
  let reason = '';
  if (choice === 'auto') {
    const probe = await probeWebGpu();
    if (probe.hardware) order.push('webgpu');
    reason = probe.hardware ? probe.why : `${probe.why}`;
    order.push('wasm', 'webgl', 'cpu');
  } else {
    order.push(choice, ...BACKENDS.filter((b) => b !== choice && b !== 'webgpu'));
    reason = 'chosen by you';
  }
  const failures: string[] = [];
  for (const name of order) {
    try {
      await useBackend(name);
      let why = reason;
      if (name === 'wasm') {
        why = `${reason}; single-threaded (${isolated() ? "tfjs's threaded wasm build does not survive bundling" : 'page not cross-origin isolated'})`;
      }
      if (failures.length) why = `${failures.join('; ')}; ${why}`;
      if (name === 'webgpu' && choice === 'auto') why = reason;
      return { name, reason: why };
    } catch (e) {
      failures.push(`${name} unavailable (${(e as Error).message})`);
    }
  }
  throw new Error(`no tfjs backend could start: ${failures.join('; ')}`);
}

export { tf };

import * as tf from '@tensorflow/tfjs-core';
// Registers the webgl backend (a fallback after wasm); cpu and the rest come with ../../core/tfjs/backend.
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKENDS, switchBackend, type BackendName } from '../../core/tfjs/backend';
import { backendReason, failureLine } from './backend-reason';
import type { BackendChoice } from './protocol';

// tfjs picks its threaded SIMD wasm build when the page is cross-origin isolated. Its pthread
// workers load the package's unbundled glue script (see the tfjs-wasm-threads plugin in
// vite.config.ts): the function text tfjs would hand them stops working once minified.

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

/** The wasm backend normally starts in well under a second; a hung start (pthread workers that never load) fails over. */
const WASM_START_TIMEOUT_MS = 30_000;

/**
 * Starts the wasm backend on tfjs's own thread count: half of navigator.hardwareConcurrency
 * (one thread per physical core, assuming two hardware threads each), so one thread on a 2-core
 * machine. Earlier builds doubled the reported core count to get a thread per logical core; on the
 * 2-core test machine that was no faster idle (2.7–3.4 steps/s either way) and about 3× slower with
 * other jobs loading the cores (1 against 2–3.5 steps/s), so tfjs's choice is kept.
 */
async function startWasm(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), WASM_START_TIMEOUT_MS);
  });
  try {
    if ((await Promise.race([switchBackend('wasm'), timeout])) === 'timeout') {
      // Drop the pending start, or tf.ready() would wait on it for every later backend.
      tf.removeBackend('wasm');
      throw new Error(`it did not start within ${WASM_START_TIMEOUT_MS / 1000} s`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** How the wasm backend runs: on how many threads, or why on one. */
async function wasmThreading(): Promise<string> {
  const threads = getThreadsCount();
  if (threads > 1) return `threaded (${threads} threads)`;
  if (!isolated()) return 'single-threaded (page not cross-origin isolated)';
  if (!(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))) return 'single-threaded (no wasm threads in this browser)';
  const cores = navigator.hardwareConcurrency ?? 1;
  return `single-threaded (tfjs runs a thread per two logical cores; ${cores} here)`;
}

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
      if (name === 'wasm') await startWasm();
      else await switchBackend(name);
      if (name === 'webgpu' && choice === 'auto') return { name, reason };
      return { name, reason: backendReason(choice, name, reason, failures, name === 'wasm' ? await wasmThreading() : null) };
    } catch (e) {
      failures.push(failureLine(name, (e as Error).message));
    }
  }
  throw new Error(`no tfjs backend could start: ${failures.join('; ')}`);
}


import { describe, expect, it } from 'vitest';
import { backendReason, failureLine } from '../src/app/worker/backend-reason';

describe('why the backend in use runs', () => {
  it('a chosen backend that could not start: said once, with what runs instead, never "chosen by you"', () => {
    const failures = [failureLine('webgpu', 'the webgpu backend is not available here')];
    expect(backendReason('webgpu', 'wasm', 'chosen by you', failures, 'single-threaded (page not cross-origin isolated)')).toBe(
      'you chose webgpu, but the webgpu backend is not available here: running on wasm instead; single-threaded (page not cross-origin isolated)',
    );
  });
  it('a chosen backend that starts, and automatic choices with the fallbacks they passed', () => {
    expect(backendReason('cpu', 'cpu', 'chosen by you', [], null)).toBe('chosen by you');
    expect(backendReason('auto', 'webgl', 'WebGPU adapter is software only', [failureLine('wasm', 'timed out')], null)).toBe('wasm could not start (timed out); WebGPU adapter is software only');
  });
});

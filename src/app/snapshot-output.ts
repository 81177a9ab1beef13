import { evaluateSnapshot, type SamplerSnapshot } from '../core/clot/snapshot';
import type { AnchorSet } from '../core/data/types';
import type { DemoOutput } from '../core/demo/types';

/**
 * The surrogate's output at λ from the first anchor's rows, in order, read from the snapshot the
 * slider samples, and how long evaluating the whole snapshot took. The snapshot's first rows are
 * the first anchor's rows in order (the rest resample them: view-feed.ts, sampling/start.ts), so
 * they pair row by row with a demo network's probe inputs.
 */
export function snapshotOutput(snap: SamplerSnapshot, data: AnchorSet, lambda: number): { output: DemoOutput; ms: number } {
  const first = data.anchors[0];
  const t0 = performance.now();
  const all = evaluateSnapshot(snap, lambda);
  const ms = performance.now() - t0;
  const y = all.slice(0, first.n * data.dimY);
  return { output: { n: first.n, y, ...(first.c ? { c: first.c } : {}), ...(first.label ? { label: first.label } : {}) }, ms };
}

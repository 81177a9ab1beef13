/**
 * The end-to-end tests' window onto what the views drew (`window.__htiTest`), so tests observe
 * through one small API instead of attributes written by drawing code. Views report what they
 * drew with `reportDrawn`; the checksum is computed here, on demand, never while drawing.
 */
export interface DrawnSamples {
  lambda: number;
  /** Output rows as drawn (data units, row-major). */
  y: Float32Array;
}

export interface DrawnReport {
  lambda: number;
  /** Rounded sum of the drawn outputs ×1e4: changes when the samples change, NaN-aware. */
  checksum: string;
}

/** Views that report their samples: the outputs, the baseline overlay on them, the comparison panel beside them. */
export type DrawnView = 'outputs' | 'overlay' | 'compare';

export interface HtiTestApi {
  /** What a view last drew, or null before its first drawing (or after it cleared, for overlays and the comparison panel). */
  drawn(view: DrawnView): (DrawnReport & { method?: string }) | null;
}

const drawn = new Map<string, DrawnSamples & { method?: string }>();

export function reportDrawn(view: DrawnView, samples: (DrawnSamples & { method?: string }) | null): void {
  if (samples) drawn.set(view, samples);
  else drawn.delete(view);
}

/**
 * A weighted sum of the drawn values, each value's weight set by its position (1 … 13), so that a
 * move which keeps every row's sum (probabilities on a simplex, a permutation of rows) still
 * changes it.
 */
export function checksum(y: Float32Array): string {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * (1 + (i % 13));
  return String(Math.round(s * 1e4));
}

export function installTestApi(): void {
  const api: HtiTestApi = {
    drawn(view) {
      const d = drawn.get(view);
      return d ? { lambda: d.lambda, checksum: checksum(d.y), method: d.method } : null;
    },
  };
  (window as unknown as { __htiTest: HtiTestApi }).__htiTest = api;
}

/**
 * Vector stand-ins for a figure's canvas layers. A view that draws on a canvas registers how to
 * write the same marks as SVG markup (in figure units), and exports use that instead of a picture
 * of the canvas. A canvas without one is exported as an embedded image.
 */
const standIns = new WeakMap<HTMLCanvasElement, () => string>();

/** Registers `markup` for `canvas`; returns the cleanup. */
export function setVectorLayer(canvas: HTMLCanvasElement | null, markup: () => string): () => void {
  if (!canvas) return () => {};
  standIns.set(canvas, markup);
  return () => standIns.delete(canvas);
}

/** The SVG markup standing in for `canvas` now, or null where it has none. */
export function vectorLayer(canvas: HTMLCanvasElement): string | null {
  return standIns.get(canvas)?.() ?? null;
}

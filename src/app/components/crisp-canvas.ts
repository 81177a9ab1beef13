import { FIGURE_HEIGHT, VIEW_SIZE } from './frame';

/** The largest backing store a figure canvas gets (a 4K screen's width), whatever the zoom. */
const MAX_BACKING_WIDTH = 4096;

/**
 * A figure canvas's 2-D context scaled so that the views draw in the figure's own
 * VIEW_SIZE × FIGURE_HEIGHT units (those of PlotFigure's viewBox), whatever the canvas's
 * backing-store size.
 */
export function figureContext(canvas: HTMLCanvasElement | null | undefined): CanvasRenderingContext2D | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  const k = canvas.width / VIEW_SIZE;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  return ctx;
}

/**
 * Keeps a figure canvas's backing store at its displayed width × devicePixelRatio, so dots and
 * cells stay sharp as the card grows (CSS scales the canvas to the card), and calls `redraw`
 * after each change (resizing clears a canvas). Returns the cleanup.
 */
export function keepCrisp(canvas: HTMLCanvasElement | null, redraw: () => void): () => void {
  if (!canvas) return () => {};
  const observer = new ResizeObserver(([entry]) => {
    // Never below the figure's own size (a hidden card measures 0).
    const width = Math.round(Math.min(MAX_BACKING_WIDTH, Math.max(VIEW_SIZE, entry.contentRect.width * devicePixelRatio)));
    if (width === canvas.width) return;
    canvas.width = width;
    canvas.height = Math.round((width * FIGURE_HEIGHT) / VIEW_SIZE);
    redraw();
  });
  observer.observe(canvas);
  return () => observer.disconnect();
}

import { type RefObject, useEffect } from 'react';
import { type AppState, useStore } from '../store/store';
import { type Palette, paletteOf } from '../theme';
import { figureContext, keepCrisp } from './crisp-canvas';
import { FIGURE_HEIGHT, MARGIN, PLOT_SIZE, VIEW_SIZE } from './frame';
import { MARK_RADIUS, type OutputMarks } from './output-marks';
import { outputsSvg } from './outputs-svg';
import { setVectorLayer } from './vector-layers';

/**
 * A canvas of output marks (the outputs view, the comparison panel beside it): drawn through a
 * store subscription, not React renders, whenever `redrawOn` says the marks changed; kept crisp
 * as the card resizes; exported as vector circles. `drawn` hears each drawing, with its start
 * time. Pass module-level functions: the subscription is made once per canvas.
 */
export function useMarksCanvas(
  canvas: RefObject<HTMLCanvasElement | null>,
  marksOf: (s: AppState) => OutputMarks | null,
  redrawOn: (s: AppState, prev: AppState) => boolean,
  drawn: (marks: OutputMarks, t0: number) => void,
) {
  useEffect(() => {
    const draw = () => {
      const t0 = performance.now();
      const state = useStore.getState();
      const ctx = figureContext(canvas.current);
      const marks = marksOf(state);
      if (!ctx || !marks) return;
      ctx.clearRect(0, 0, VIEW_SIZE, FIGURE_HEIGHT);
      paintMarks(ctx, marks, paletteOf(state));
      drawn(marks, t0);
    };
    draw();
    // Exports write the same marks as circles, not a picture of this canvas.
    const unregister = setVectorLayer(canvas.current, () => {
      const state = useStore.getState();
      const marks = marksOf(state);
      return marks ? outputsSvg(marks, paletteOf(state)) : '';
    });
    const unwatch = keepCrisp(canvas.current, draw);
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (redrawOn(s, prev)) draw();
    });
    return () => {
      unregister();
      unwatch();
      unsubscribe();
    };
  }, [canvas, marksOf, redrawOn, drawn]);
}

/** Draws the view's marks (figure units): anchors and samples as small squares, the baseline as rings. */
function paintMarks(ctx: CanvasRenderingContext2D, marks: OutputMarks, pal: Palette) {
  // Samples off the data area (an untrained model's) stop at its edge instead of covering the axes.
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, PLOT_SIZE, PLOT_SIZE);
  ctx.clip();
  const square = (x: number, y: number, r: number) => ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  ctx.fillStyle = pal.anchorPoint;
  for (let j = 0; j < marks.anchors.length; j += 2) square(marks.anchors[j], marks.anchors[j + 1], MARK_RADIUS.anchor);
  if (marks.rings) {
    // A baseline's samples at λ as dark rings beside the surrogate's dots.
    const r = MARK_RADIUS.ring;
    ctx.strokeStyle = pal.overlayRing;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let j = 0; j < marks.rings.length; j += 2) {
      ctx.moveTo(marks.rings[j] + r, marks.rings[j + 1]);
      ctx.arc(marks.rings[j], marks.rings[j + 1], r, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  for (let j = 0; j < marks.samples.length; j += 2) {
    ctx.fillStyle = marks.colours[j / 2];
    square(marks.samples[j], marks.samples[j + 1], MARK_RADIUS.sample);
  }
  ctx.restore();
}

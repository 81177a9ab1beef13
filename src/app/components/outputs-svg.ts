import type { Palette } from '../theme';
import { MARK_RADIUS, type OutputMarks } from './output-marks';

/**
 * The outputs view's marks as SVG markup (figure units): the vector drawing its exports use in
 * place of the canvas. Circles share their fill through groups, and coordinates keep one decimal,
 * so thousands of samples stay a file of a few hundred kB.
 */
const xy = (x: number, y: number) => `cx="${x.toFixed(1)}" cy="${y.toFixed(1)}"`;

function circles(points: number[], r: number): string {
  let out = '';
  for (let j = 0; j < points.length; j += 2) out += `<circle ${xy(points[j], points[j + 1])} r="${r}"/>`;
  return out;
}

/** Consecutive samples of one colour in one group: the canvas's drawing order, without a fill on every circle. */
function colouredCircles(points: number[], colours: string[], r: number): string {
  let out = '';
  let open: string | null = null;
  for (let j = 0; j < points.length; j += 2) {
    const colour = colours[j / 2];
    if (colour !== open) {
      out += `${open === null ? '' : '</g>'}<g fill="${colour}">`;
      open = colour;
    }
    out += `<circle ${xy(points[j], points[j + 1])} r="${r}"/>`;
  }
  return open === null ? out : `${out}</g>`;
}

export function outputsSvg(marks: OutputMarks, pal: Palette): string {
  const anchors = `<g class="anchor-samples" fill="${pal.anchorPoint}">${circles(marks.anchors, MARK_RADIUS.anchor)}</g>`;
  const rings = marks.rings ? `<g class="baseline-rings" fill="none" stroke="${pal.overlayRing}" stroke-width="1">${circles(marks.rings, MARK_RADIUS.ring)}</g>` : '';
  const samples = `<g class="samples">${colouredCircles(marks.samples, marks.colours, MARK_RADIUS.sample)}</g>`;
  return anchors + rings + samples;
}

import type { Palette } from '../theme';
import { vectorLayer } from './vector-layers';

/**
 * A view's figure as one standalone SVG document, for exports: a bare <svg> or <canvas>, or a
 * `.plot-figure` whose layers (canvases under one SVG of axes and legend, in one coordinate system,
 * see PlotFigure) are stacked, with a title line above. Canvases are written as vector marks where
 * their view registered a stand-in (vector-layers.ts), else embedded as images.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Height of the title line above an exported figure, and its type. */
export const TITLE_HEIGHT = 26;
export const TITLE_FONT = { size: 14, weight: 'bold', family: 'sans-serif' } as const;
/**
 * The title's type size in a figure `width` wide: TITLE_FONT.size, smaller (down to 9) where a long
 * title would run past the right edge (a metric field's "· the first sample's condition (c0 = …)"
 * was cut off). Bold sans-serif averages about 0.6 em a character.
 */
export function titleFontSize(title: string, width: number): number {
  const room = width - 2 * TITLE_AT.x;
  const needed = 0.6 * TITLE_FONT.size * title.length;
  return needed <= room ? TITLE_FONT.size : Math.max(9, Math.floor((TITLE_FONT.size * room) / needed));
}

/** Where the title's baseline sits, from the left and top of the exported image. */
export const TITLE_AT = { x: 8, y: 18 } as const;

export type FigureLayer = HTMLCanvasElement | SVGSVGElement;

/** A figure's layers, bottom first. */
export function figureLayers(el: Element): FigureLayer[] {
  if (el instanceof HTMLCanvasElement || el instanceof SVGSVGElement) return [el];
  return [...el.children].filter((c): c is FigureLayer => c instanceof HTMLCanvasElement || c instanceof SVGSVGElement);
}

/**
 * The figure's size in its own units: the top SVG's viewBox (the canvases under it share it,
 * whatever their backing-store size), or a bare canvas's pixels.
 */
export function figureSize(layers: FigureLayer[]): { width: number; height: number } {
  const top = layers[layers.length - 1];
  if (top instanceof HTMLCanvasElement) return { width: top.width, height: top.height };
  const box = top.viewBox.baseVal;
  return box?.width ? { width: box.width, height: box.height } : { width: top.width.baseVal.value, height: top.height.baseVal.value };
}

/** A canvas layer inside the exported SVG body: its vector stand-in, clipped to the data area like the canvas, or its picture. */
function placeCanvas(body: SVGSVGElement, canvas: HTMLCanvasElement, size: { width: number; height: number }) {
  const markup = vectorLayer(canvas);
  if (markup !== null) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'vector-layer');
    g.innerHTML = markup;
    // Under the SVG's own data (PlotFigure's clipped `.plot-data` group) and its axes, as the canvas is.
    const data = body.querySelector('.plot-data') ?? body;
    data.insertBefore(g, data.firstChild);
    return;
  }
  // No stand-in: the potential's heatmap, a grid of cells that is already a picture of a raster
  // field, stays an embedded image (at the canvas's backing-store resolution).
  const image = document.createElementNS(SVG_NS, 'image');
  image.setAttribute('href', canvas.toDataURL('image/png'));
  image.setAttribute('width', String(size.width));
  image.setAttribute('height', String(size.height));
  body.insertBefore(image, body.firstChild);
}

/** The figure's content as an <svg> element (a clone: the page is untouched), canvases included. */
function figureBody(layers: FigureLayer[], size: { width: number; height: number }): SVGSVGElement {
  const top = layers[layers.length - 1];
  let body: SVGSVGElement;
  let canvases: HTMLCanvasElement[];
  if (top instanceof SVGSVGElement) {
    body = top.cloneNode(true) as SVGSVGElement;
    canvases = layers.slice(0, -1) as HTMLCanvasElement[];
  } else {
    body = document.createElementNS(SVG_NS, 'svg');
    body.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
    canvases = [top];
  }
  body.setAttribute('width', String(size.width));
  body.setAttribute('height', String(size.height));
  for (const canvas of [...canvases].reverse()) placeCanvas(body, canvas, size);
  return body;
}

/** The figure with its title line, on the theme's background, as an SVG file's text. */
export function figureSvg(el: Element, title: string, pal: Palette): { text: string; width: number; height: number } {
  const layers = figureLayers(el);
  const size = figureSize(layers);
  const width = size.width;
  const height = size.height + TITLE_HEIGHT;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', 'sans-serif');
  // The theme's colours baked in: without the page behind it, an exported dark-theme figure would
  // put light text on a viewer's white. `color` serves the figure's fill="currentColor".
  root.setAttribute('color', pal.foreground);
  root.style.color = pal.foreground;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', pal.background);
  const heading = document.createElementNS(SVG_NS, 'text');
  heading.setAttribute('class', 'export-title');
  heading.setAttribute('x', String(TITLE_AT.x));
  heading.setAttribute('y', String(TITLE_AT.y));
  heading.setAttribute('font-size', String(titleFontSize(title, width)));
  heading.setAttribute('font-weight', TITLE_FONT.weight);
  heading.setAttribute('fill', 'currentColor');
  heading.textContent = title;
  const body = figureBody(layers, size);
  body.setAttribute('y', String(TITLE_HEIGHT));
  root.append(background, heading, body);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/**
 * A figure's SVG layer alone (axes and legend), transparent, its text in the theme's colour: to
 * draw over the figure's canvases when compositing frames (the sweep recording).
 */
export function overlaySvg(svg: SVGSVGElement, pal: Palette): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', SVG_NS);
  const { width, height } = figureSize([svg]);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('color', pal.foreground);
  clone.style.color = pal.foreground;
  return new XMLSerializer().serializeToString(clone);
}

/** An SVG file's text as a decoded image, ready for drawImage. */
export async function svgImage(text: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  return img;
}

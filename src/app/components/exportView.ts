import { useStore } from '../store/store';
import { paletteOf } from '../theme';

/**
 * Exports a view's figure as PNG or SVG, as a download: a bare <svg> or <canvas>, or a
 * `.plot-figure` whose layers (canvases under one SVG of axes and legend, all the same size,
 * see PlotFigure) are stacked into one image.
 */
function download(href: string, name: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
}

/**
 * The theme's background and text colour baked into an exported SVG: without the page behind it,
 * an exported dark-theme figure would put light text on a viewer's white.
 */
function themed(clone: SVGSVGElement, opaque: boolean) {
  const pal = paletteOf(useStore.getState());
  clone.style.color = pal.foreground; // for fill="currentColor"
  if (!opaque) return;
  clone.style.backgroundColor = pal.background;
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', pal.background);
  clone.insertBefore(bg, clone.firstChild);
}

/** The SVG as a file; `under` are canvas layers embedded beneath its content, `opaque` adds the background. */
function svgText(el: SVGSVGElement, under: HTMLCanvasElement[] = [], opaque = true): string {
  const clone = el.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  for (const c of [...under].reverse()) {
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    image.setAttribute('href', c.toDataURL('image/png'));
    image.setAttribute('width', String(c.width));
    image.setAttribute('height', String(c.height));
    clone.insertBefore(image, clone.firstChild);
  }
  themed(clone, opaque);
  return new XMLSerializer().serializeToString(clone);
}

/** A figure's layers, bottom first. */
function layers(el: Element): (HTMLCanvasElement | SVGSVGElement)[] {
  if (el instanceof HTMLCanvasElement || el instanceof SVGSVGElement) return [el];
  return [...el.children].filter((c): c is HTMLCanvasElement | SVGSVGElement => c instanceof HTMLCanvasElement || c instanceof SVGSVGElement);
}

const sizeOf = (el: HTMLCanvasElement | SVGSVGElement) => (el instanceof HTMLCanvasElement ? { width: el.width, height: el.height } : { width: el.width.baseVal.value, height: el.height.baseVal.value });

function canvasAsSvg(c: HTMLCanvasElement): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${c.width}" height="${c.height}"><image href="${c.toDataURL('image/png')}" width="${c.width}" height="${c.height}"/></svg>`;
}

/** What a PNG export draws for one layer: a canvas itself, or an SVG (without background) rendered to an image. */
async function rasterSource(el: HTMLCanvasElement | SVGSVGElement): Promise<CanvasImageSource> {
  if (el instanceof HTMLCanvasElement) return el;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(el, [], false))}`;
  await img.decode();
  return img;
}

/** PNGs at twice the figure's size, so tick labels stay sharp. */
const PNG_SCALE = 2;

export async function exportView(el: Element, name: string, format: 'png' | 'svg'): Promise<void> {
  const stack = layers(el);
  if (!stack.length) return;
  if (format === 'svg') {
    const top = stack[stack.length - 1];
    const text = top instanceof SVGSVGElement ? svgText(top, stack.slice(0, -1) as HTMLCanvasElement[]) : canvasAsSvg(top);
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    download(url, `${name}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return;
  }
  const { width, height } = sizeOf(stack[0]);
  const sources = await Promise.all(stack.map(rasterSource));
  // An opaque background in the chosen theme: canvases are transparent outside what they drew.
  const c = document.createElement('canvas');
  c.width = width * PNG_SCALE;
  c.height = height * PNG_SCALE;
  const ctx = c.getContext('2d')!;
  ctx.scale(PNG_SCALE, PNG_SCALE);
  ctx.fillStyle = paletteOf(useStore.getState()).background;
  ctx.fillRect(0, 0, width, height);
  for (const img of sources) ctx.drawImage(img, 0, 0, width, height);
  download(c.toDataURL('image/png'), `${name}.png`);
}

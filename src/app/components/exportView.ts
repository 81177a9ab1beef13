import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import { downloadBlob } from './download';
import { exportLabel } from './export-naming';
import { figureLayers, figureSvg, svgImage } from './figure-svg';

/** PNGs at twice the figure's size, so tick labels stay sharp. */
const PNG_SCALE = 2;

/**
 * Exports a view's figure (see figure-svg.ts) as a PNG or SVG download, named and titled after
 * what it shows (export-naming.ts): `outputs-lambda-0.25.svg`, "Outputs at λ = 0.25 · semicircles".
 */
export async function exportView(el: Element, view: { id: string; title: string }, format: 'png' | 'svg'): Promise<void> {
  if (!figureLayers(el).length) return;
  const state = useStore.getState();
  const { fileStem, title } = exportLabel(view.id, view.title, state);
  const figure = figureSvg(el, title, paletteOf(state));
  if (format === 'svg') {
    downloadBlob(new Blob([figure.text], { type: 'image/svg+xml' }), `${fileStem}.svg`);
    return;
  }
  // The same document rasterised: vector marks stay sharp at the larger size, and its background
  // rect makes the PNG opaque in the chosen theme.
  const img = await svgImage(figure.text);
  const c = document.createElement('canvas');
  c.width = figure.width * PNG_SCALE;
  c.height = figure.height * PNG_SCALE;
  c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
  const png = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
  if (png) downloadBlob(png, `${fileStem}.png`);
}

/** Exports a view element (an <svg> or a <canvas>) as PNG or SVG, as a download. */
function download(href: string, name: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
}

function svgText(el: SVGSVGElement): string {
  const clone = el.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

function canvasAsSvg(c: HTMLCanvasElement): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${c.width}" height="${c.height}"><image href="${c.toDataURL('image/png')}" width="${c.width}" height="${c.height}"/></svg>`;
}

export async function exportView(el: Element, name: string, format: 'png' | 'svg'): Promise<void> {
  if (format === 'svg') {
    const text = el instanceof HTMLCanvasElement ? canvasAsSvg(el) : svgText(el as SVGSVGElement);
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    download(url, `${name}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return;
  }
  if (el instanceof HTMLCanvasElement) return download(el.toDataURL('image/png'), `${name}.png`);
  const svg = el as SVGSVGElement;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = svg.width.baseVal.value;
  c.height = svg.height.baseVal.value;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(img, 0, 0);
  download(c.toDataURL('image/png'), `${name}.png`);
}

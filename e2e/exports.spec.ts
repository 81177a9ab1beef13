import { readFileSync } from 'node:fs';
import { expect, type Download, type Page, test } from '@playwright/test';
import { anchorCsv, ExplorerPage } from './pages/explorer';

/** Clicks `name` and returns the download it starts. */
async function downloadFrom(app: ExplorerPage, name: string): Promise<Download> {
  const download = app.page.waitForEvent('download', { timeout: 60_000 });
  await app.button(name).click();
  return download;
}
const bytesOf = async (d: Download) => readFileSync((await d.path())!);
const textOf = async (d: Download) => (await bytesOf(d)).toString('utf8');
const count = (text: string, tag: string) => text.split(`<${tag} `).length - 1;

/** A screenshot of an exported SVG or PNG as a browser shows it on its own, for the report. */
async function rendered(page: Page, bytes: Buffer, type: string): Promise<Buffer> {
  const viewer = await page.context().newPage();
  await viewer.setContent(`<body style="margin:0;background:#888"><img src="data:${type};base64,${bytes.toString('base64')}"></body>`);
  await viewer.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  const shot = await viewer.locator('img').screenshot();
  await viewer.close();
  return shot;
}

test('exports are named after what they show, carry a title, and draw vectors, not pictures', async ({ page }, testInfo) => {
  const app = await new ExplorerPage(page).open('?lambda=0.25');
  const title = 'Outputs at λ = 0.25 · semicircles';

  const png = await downloadFrom(app, 'Export Outputs at λ as PNG');
  expect(png.suggestedFilename()).toBe('outputs-lambda-0.25.png');
  await testInfo.attach('outputs-light.png', { body: await rendered(page, await bytesOf(png), 'image/png'), contentType: 'image/png' });

  // The outputs view draws on a canvas; its SVG export writes the same samples as circles.
  const svg = await downloadFrom(app, 'Export Outputs at λ as SVG');
  expect(svg.suggestedFilename()).toBe('outputs-lambda-0.25.svg');
  const outputs = await textOf(svg);
  expect(outputs).not.toContain('<image');
  // 3 anchors × 400 faint samples and the surrogate's samples, beside the legend's few.
  expect(count(outputs, 'circle')).toBeGreaterThanOrEqual(1600);
  expect(outputs).toContain(`>${title}</text>`);
  expect(outputs).toContain('class="tick"');
  expect(outputs).toContain('class 0');
  // Kept small (about 50 bytes a circle): one decimal per coordinate, fills shared by groups.
  expect(outputs.length).toBeLessThan(400_000);
  await testInfo.attach('outputs-light.svg.png', { body: await rendered(page, await bytesOf(svg), 'image/svg+xml'), contentType: 'image/png' });

  const geodesics = await downloadFrom(app, 'Export Geodesics as SVG');
  expect(geodesics.suggestedFilename()).toBe('geodesics-lambda-0.25.svg');
  const geodesicsText = await textOf(geodesics);
  expect(geodesicsText).toContain('Geodesics · λ = 0.25 · semicircles');
  expect(count(geodesicsText, 'polyline')).toBeGreaterThan(10);
  expect(geodesicsText).not.toContain('<image');

  await expect(app.metricView.locator('ellipse')).toHaveCount(169);
  const metric = await downloadFrom(app, 'Export Metric field as SVG');
  expect(metric.suggestedFilename()).toBe('metric-class-0.svg');
  const metricText = await textOf(metric);
  expect(metricText).toContain('Metric field · class 0 · semicircles');
  expect(count(metricText, 'ellipse')).toBe(169);
  expect(metricText).not.toContain('<image');

  // The potential is a raster field: its heatmap stays an image under vector axes and colour bar.
  await expect(page.getByTestId('potential-legend')).toContainText('dense: cheap');
  const potential = await downloadFrom(app, 'Export Potential U as SVG');
  expect(potential.suggestedFilename()).toBe('potential-class-0.svg');
  const potentialText = await textOf(potential);
  expect(potentialText).toContain('Potential U · class 0 · semicircles');
  expect(count(potentialText, 'image')).toBe(1);
  expect(potentialText).toContain('dense: cheap');
  expect((await downloadFrom(app, 'Export Potential U as PNG')).suggestedFilename()).toBe('potential-class-0.png');

  // Dark theme: the export keeps it (background and text colour), named the same.
  await app.themeOption('Dark').check();
  const dark = await downloadFrom(app, 'Export Outputs at λ as SVG');
  const darkText = await textOf(dark);
  expect(darkText).toContain('fill="#1a1f2b"');
  expect(darkText).toContain('color="#e4e8f0"');
  await testInfo.attach('outputs-dark.svg.png', { body: await rendered(page, await bytesOf(dark), 'image/svg+xml'), contentType: 'image/png' });
  const darkPng = await downloadFrom(app, 'Export Potential U as PNG');
  await testInfo.attach('potential-dark.png', { body: await rendered(page, await bytesOf(darkPng), 'image/png'), contentType: 'image/png' });
  expect(app.errors).toEqual([]);
});

test('Record sweep downloads a WebM video of λ moving, can be cancelled, and puts λ back', async ({ page }) => {
  const app = await new ExplorerPage(page).open('?lambda=0.3');
  const before = await app.lambda();
  const video = app.page.waitForEvent('download', { timeout: 60_000 });
  await app.button('Record sweep').click();
  await expect(page.getByTestId('sweep-recording')).toBeVisible();
  // λ moves while it records.
  await expect.poll(() => app.lambda()).not.toBe(before);
  const file = await video;
  expect(file.suggestedFilename()).toBe('outputs-sweep.webm');
  const bytes = await bytesOf(file);
  expect(bytes.length).toBeGreaterThan(10_000);
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a Matroska/WebM file
  await expect(app.button('Record sweep')).toBeVisible();
  await expect.poll(() => app.lambda()).toBe(before);

  // The browser plays it back: the figure's size with its title line, several seconds of frames.
  const played = await page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const v = document.createElement('video');
    v.muted = true;
    v.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      v.onloadedmetadata = resolve;
      v.onerror = reject;
    });
    // MediaRecorder writes no duration: seeking past the end makes the browser find it.
    v.currentTime = 1e6;
    await new Promise((resolve) => (v.onseeked = resolve));
    return { width: v.videoWidth, height: v.videoHeight, seconds: v.duration };
  }, bytes.toString('base64'));
  expect(played.width).toBe(360);
  expect(played.height).toBe(422);
  expect(played.seconds).toBeGreaterThan(1.5);

  // Cancelled: nothing is downloaded and λ is back.
  let downloads = 0;
  page.on('download', () => downloads++);
  await app.button('Record sweep').click();
  await app.button('Cancel recording').click();
  await expect(app.button('Record sweep')).toBeFocused();
  await expect.poll(() => app.lambda()).toBe(before);
  await page.waitForTimeout(1000);
  expect(downloads).toBe(0);
  expect(app.errors).toEqual([]);
});

test.describe('links', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('Copy link puts the address of what is shown on the clipboard and says so', async ({ page }) => {
    const app = await new ExplorerPage(page).open('?seed=5');
    await app.slider.focus();
    await page.keyboard.press('End');
    await app.button('Copy link').click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).searchParams.get('seed')).toBe('5');
    expect(new URL(copied).searchParams.get('lambda')).toBe('1');
    // The address bar follows (after syncUrl's short delay).
    await expect.poll(() => page.url()).toBe(copied);

    // Uploaded data is not in a link: copying says so, naming the file.
    await app.upload('mine.csv', anchorCsv([0, 1], 12));
    await expect(app.dataSummary).toContainText('mine.csv');
    await app.button('Copy link').click();
    const status = page.getByRole('status').filter({ hasText: 'Link copied' });
    await expect(status).toHaveText('Link copied: it has the settings, not mine.csv or its λ (it opens the built-in dataset)');
    // Wide enough to read in three lines or fewer (it wrapped at the button's width, eight lines over the slider).
    const box = (await status.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeLessThan(3.5 * 20);
    // The address bar leaves out λ, which belongs to mine.csv: reloading opens the preset without a notice about it.
    await expect.poll(() => new URL(page.url()).searchParams.has('lambda')).toBe(false);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('5');
    // A model saved from it is named after the file without its extension.
    const download = page.waitForEvent('download');
    await app.button('Save model').click();
    expect((await download).suggestedFilename()).toMatch(/^hti-model-mine-\d+steps\.json$/);
  });

  test('where the clipboard is refused, the link is shown selected to copy by hand', async ({ page }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    const app = await new ExplorerPage(page).open('?seed=5');
    await app.button('Copy link').click();
    const field = page.getByRole('textbox', { name: 'Link to this view' });
    await expect(field).toBeFocused();
    expect(new URL(await field.inputValue()).searchParams.get('seed')).toBe('5');
    expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe((await field.inputValue()).length);
  });

  test('after Load model the URL carries the loaded model’s settings', async ({ page }) => {
    const app = await new ExplorerPage(page).open('?preset=dropout-moons');
    const model = JSON.parse(readFileSync('public/pretrained/semicircles.json', 'utf8'));
    model.config.seed = 7;
    await app.loadModel({ name: 'seed7.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)) });
    await expect(app.control('Seed')).toHaveValue('7');
    await expect(app.dataSummary).toContainText('semicircles');
    await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('7');
    // The model's dataset is the semicircles preset (the default): the link no longer names dropout-moons.
    expect(new URL(page.url()).searchParams.get('preset')).toBeNull();
    expect(app.errors).toEqual([]);
  });
});

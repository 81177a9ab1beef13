import { expect, test } from '@playwright/test';
import { attachViews, checksum, openApp, stepCount } from './helpers';

test('opens with the pretrained model, names its backend, and draws every view', async ({ page }, testInfo) => {
  const errors = await openApp(page);
  await expect(page.getByTestId('backend-readout')).toContainText(/wasm — .*(software only|no WebGPU adapter|this browser has no WebGPU)/);
  // The page is cross-origin isolated, so wasm runs threaded: one thread per logical core (tfjs allows 8).
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend-readout')).toContainText(cores > 1 ? `; threaded (${Math.min(cores, 8)} threads)` : '; single-threaded (1 logical core)');
  expect(await stepCount(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('data-summary')).toContainText('semicircles: 3 anchors at λ = 0, 0.5, 1');
  await expect(page.getByTestId('geodesic-view').locator('polyline[data-layer="geodesic"]')).not.toHaveCount(0);
  await expect(page.getByTestId('metric-view').locator('ellipse')).toHaveCount(169);
  await expect(page.getByTestId('potential-legend')).toContainText('dense: cheap');
  await expect(page.getByTestId('perf-readout')).toContainText(/Slider update: \d+\.\d ms/);
  await attachViews(page, testInfo, 'pretrained');
  // Views export as PNG and SVG.
  for (const [view, format] of [['Outputs at λ', 'PNG'], ['Geodesics', 'SVG'], ['Metric field', 'PNG'], ['Potential U', 'SVG']]) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export ${view} as ${format}` }).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
  }
  // The guided tour walks the views one at a time and can be skipped.
  await page.getByRole('button', { name: 'Take the tour' }).click();
  const tour = page.getByRole('dialog', { name: 'Guided tour' });
  await expect(tour).toContainText('1/5 · Anchors');
  await expect(page.locator('#output')).toHaveClass(/tour-focus/);
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('2/5 · Transport maps');
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link carries preset, variant, seed and λ', async ({ page }) => {
  await openApp(page, '?preset=dropout-moons&variant=euclidean&seed=3&lambda=0.3');
  await expect(page.getByTestId('data-summary')).toContainText('dropout-moons: 3 anchors at λ = 0, 0.5, 0.9');
  await expect(page.getByLabel('Variant')).toHaveValue('euclidean');
  await expect(page.getByLabel('Seed')).toHaveValue('3');
  await expect(page.getByRole('slider', { name: /λ/ })).toHaveAttribute('aria-valuetext', 'dropout p = 0.3');
});

test('the λ slider is accessible and moving it by keyboard changes the plotted samples', async ({ page }) => {
  await openApp(page);
  const slider = page.getByRole('slider', { name: /λ/ });
  await expect(slider).toHaveAttribute('aria-valuetext', /t = 0\.25/);
  const before = await checksum(page);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('PageUp');
  await expect(slider).toHaveAttribute('aria-valuenow', '0.36');
  await expect.poll(() => checksum(page)).not.toBe(before);
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', 't = 1 (anchor)');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  // The URL carries λ so a link reproduces the view.
  await expect.poll(() => page.url()).toContain('lambda=0');
});

test('Train runs steps and moves the loss; Pause stops them', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('step-counter')).toContainText('Step 0 /');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('train-state')).toContainText('paused');
  const stopped = await stepCount(page);
  await page.waitForTimeout(1500);
  expect(await stepCount(page)).toBe(stopped);
  // Exact values on hover.
  const chart = page.getByTestId('loss-chart');
  await chart.hover({ position: { x: 300, y: 30 } });
  await expect(page.getByTestId('loss-readout')).toContainText(/step \d+: transport cost -?\d+\.\d{4}, residual/);
});

test('uploading a valid CSV replaces the dataset; a malformed file shows an error and keeps it', async ({ page }) => {
  await openApp(page);
  const input = page.getByLabel('Upload anchor data');
  const rows = ['lambda,y0,y1'];
  for (const l of [0, 2]) for (let i = 0; i < 20; i++) rows.push(`${l},${(i * 0.1 + l).toFixed(2)},${(i * 0.05).toFixed(2)}`);
  await input.setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('data-summary')).toContainText('mine.csv: 2 anchors at λ = 0, 2; D = 2; no condition');
  await expect(page.getByTestId('upload-error')).toHaveCount(0);

  await input.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('lambda,y0\n0,1\n0,x\n1,2\n') });
  await expect(page.getByTestId('upload-error')).toHaveText('broken.csv, row 3, column y0: "x" is not a number');
  await expect(page.getByTestId('data-summary')).toContainText('mine.csv: 2 anchors');
});

test('a saved model loads back to the same samples', async ({ page }) => {
  await openApp(page);
  const before = await checksum(page);
  const steps = await stepCount(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save model' }).click();
  const file = await (await download).path();
  // Change the model, then load the saved one back.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('step-counter')).toContainText('Step 0 /');
  await page.getByLabel('Load model file').setInputFiles(file);
  await expect.poll(() => stepCount(page)).toBe(steps);
  await expect.poll(() => checksum(page)).toBe(before);
  // A file that is not a model leaves everything as it is.
  await page.getByLabel('Load model file').setInputFiles({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') });
  await expect(page.getByTestId('upload-error')).toContainText('nope.json: is not an hti model file');
  expect(await checksum(page)).toBe(before);
});

test('the WebGPU path runs the model and trains steps without losing the device', async ({ page }, testInfo) => {
  // SwiftShader's WebGPU is for correctness, not speed: the pretrained (full) model's forward passes
  // (snapshot, metric and potential fields) run on it, then a small Euclidean problem trains two steps.
  test.setTimeout(600_000);
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('backend-readout')).toContainText('Backend: webgpu — chosen by you', { timeout: 60_000 });
  await expect(page.getByTestId('metric-view').locator('ellipse')).toHaveCount(169, { timeout: 180_000 });
  await attachViews(page, testInfo, 'webgpu-pretrained');
  await page.getByLabel('Variant').selectOption('euclidean');
  const rows = ['lambda,y0,y1'];
  for (const l of [0, 1]) for (let i = 0; i < 12; i++) rows.push(`${l},${(i * 0.1 + 2 * l).toFixed(2)},${(i * 0.05).toFixed(2)}`);
  await page.getByLabel('Upload anchor data').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('data-summary')).toContainText('tiny.csv: 2 anchors');
  await expect(page.getByTestId('step-counter')).toContainText('Step 0 /');
  await expect(page.getByRole('button', { name: 'Step' })).toBeEnabled();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => stepCount(page), { timeout: 400_000 }).toBe(1);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBe(2);
  await expect(page.getByTestId('backend-readout')).toContainText('Backend: webgpu');
  await expect(page.getByTestId('train-state')).not.toContainText('failed');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await attachViews(page, testInfo, 'webgpu-trained');
});

import { expect, test } from '@playwright/test';
import { DemoPanel } from './pages/demo-panel';
import { ExplorerPage } from './pages/explorer';

// "Train the networks yourself" with the quantile task's defaults, as a user gets them: its
// five networks train in a few seconds here, so nothing is shortened for the test.

test('generates the quantile anchors, trains the surrogate and checks it at a held-out λ', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  // λ = 0.4 lies between the quantile task's anchors 0.25 and 0.5; the new dataset keeps a λ inside its range.
  const app = await new ExplorerPage(page).open('?lambda=0.4');
  const demo = new DemoPanel(page);
  await demo.open();
  await expect(demo.task).toHaveValue('quantile');
  await expect(demo.anchors).toHaveValue('0.05, 0.25, 0.5, 0.75, 0.95');
  await expect(demo.root).toContainText('λ = quantile τ, from 0.05 to 0.95');
  await expect(demo.checkButton).toBeDisabled();

  const t0 = Date.now();
  await demo.trainButton.click();
  await expect(demo.progress).toContainText(/Network \d of 5 \(λ = [\d.]+, seed 0\): epoch \d+ of 600, loss/);
  await testInfo.attach('demo-generating', { body: await demo.root.screenshot(), contentType: 'image/png' });
  // The networks' outputs become the dataset, exactly as an upload would.
  await expect(app.dataSummary).toContainText('demo:quantile (seed 0): 5 anchors at λ = 0.05, 0.25, 0.5, 0.75, 0.95', { timeout: 120_000 });
  testInfo.annotations.push({ type: 'generation (s)', description: ((Date.now() - t0) / 1000).toFixed(1) });
  await expect(demo.message).toContainText('5 networks trained in');
  await expect(app.trainState).toHaveAttribute('data-state', 'untrained');
  expect(await app.lambda()).toBeCloseTo(0.4, 6);
  // The same anchors as a file for the CLI: the long CSV, 41 probe inputs at each of 5 λ.
  const [download] = await Promise.all([page.waitForEvent('download'), demo.root.getByRole('button', { name: 'Download these anchors (CSV)' }).click()]);
  const csv = (await (await download.createReadStream()).toArray()).join('').trim().split('\n');
  expect(csv[0]).toBe('lambda,y0,c0');
  expect(csv).toHaveLength(1 + 5 * 41);

  // A few steps of the default surrogate: the check reads whatever the snapshot shows.
  await app.train();
  await expect.poll(() => app.stepCount(), { timeout: 180_000 }).toBeGreaterThanOrEqual(5);
  await app.pause();
  await expect(app.trainState).toHaveAttribute('data-state', 'paused');
  await expect(demo.checkButton).toBeEnabled();

  await expect(demo.seeds).toHaveValue('2');
  const t1 = Date.now();
  await demo.checkButton.click();
  await expect(demo.distances).toBeVisible({ timeout: 60_000 });
  testInfo.annotations.push({ type: 'check, 2 seeds (s)', description: ((Date.now() - t1) / 1000).toFixed(1) });
  await expect(demo.checkView.getByRole('heading')).toHaveText('Real network at λ = 0.4');
  await expect(demo.distances.locator('thead')).toContainText('MSE');
  const labels = { surrogate: /Surrogate: CLOT .*, step \d+/, nearest: /Nearest anchor/, mccann: /McCann \(straight-line OT\)/, 'noise-floor': /Noise floor: real networks from 2 seeds/ };
  for (const [row, label] of Object.entries(labels)) {
    const d = await demo.distance(row);
    expect(d.label).toMatch(label);
    expect(Number.isFinite(d.value), `${row}: ${d.value}`).toBe(true);
    expect(d.value).toBeGreaterThan(0);
    testInfo.annotations.push({ type: `MSE ${row}`, description: String(d.value) });
  }
  await expect(demo.times).toContainText(/Real network: [\d.]+ s to train \(seed 0\); [\d.]+ s \(seed 1\)\. Surrogate: [\d.]+ ms to draw the [\d,]+ samples the slider shows/);
  await expect(page.getByTestId('check-floor-note')).toContainText('The anchors were trained with seed 0');
  await expect(demo.checkView.getByTestId('check-figure').locator('polyline')).toHaveCount(5);
  await testInfo.attach('demo-check-view', { body: await demo.checkView.screenshot(), contentType: 'image/png' });
  await testInfo.attach('demo-panel-after', { body: await demo.root.screenshot(), contentType: 'image/png' });

  // The sweep: the same at every λ halfway between the anchors, drawn as error over λ.
  const sweepButton = demo.root.getByRole('button', { name: /^Sweep λ between the anchors \(0\.15, 0\.375, 0\.625, 0\.85\)$/ });
  const t2 = Date.now();
  await sweepButton.click();
  await expect(demo.progress).toContainText(/λ = 0\.15 \(1 of 4\)/);
  await expect(page.locator('#sweep figcaption').last()).toContainText('4 of 4 λ measured', { timeout: 120_000 });
  await expect(sweepButton).toBeEnabled();
  testInfo.annotations.push({ type: 'sweep, 4 λ × 2 seeds (s)', description: ((Date.now() - t2) / 1000).toFixed(1) });
  const means = (await page.getByTestId('sweep-means').textContent()) ?? '';
  expect(means).toMatch(/^Mean MSE over these λ: CLOT .* [\d.e-]+, nearest anchor [\d.e-]+, McCann [\d.e-]+; noise floor [\d.e-]+\.$/);
  await expect(page.locator('#sweep [data-testid="eval-curve"] polyline')).toHaveCount(4);
  // The curve plots the measure the means report (it plotted W2 under an MSE summary), and every λ is held out.
  const curve = page.locator('#sweep [data-testid="eval-curve"]');
  await expect(curve).toHaveAttribute('aria-label', 'MSE over λ per method');
  await expect(curve.locator('.axis-title').last()).toHaveText('MSE');
  await expect(page.locator('#sweep figcaption.legend')).not.toContainText('training anchor');
  const top = Number((await curve.locator('.axis-left .tick text').last().textContent())!.replace('−', '-'));
  const largest = Math.max(...(means.match(/\d[\d.e-]*/g) ?? []).map(Number).filter(Number.isFinite));
  expect(top).toBeGreaterThanOrEqual(largest);
  // The axis top follows the largest single λ (one λ can be a few times the mean) and d3's rounding; W2 would be 20× or more.
  expect(top).toBeLessThan(12 * largest);
  await testInfo.attach('demo-sweep-view', { body: await page.locator('#sweep').screenshot(), contentType: 'image/png' });
  expect(app.errors).toEqual([]);
});

test('a cancelled generation or a rejected anchor list leaves the previous dataset and model intact', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const summary = await app.dataSummary.textContent();
  const steps = await app.stepCounter.textContent();
  const drawn = await app.checksum();
  const demo = new DemoPanel(page);
  await demo.open();

  await demo.trainButton.click();
  await expect(demo.progress).toContainText(/epoch \d+ of 600/);
  await demo.cancelGeneration.click();
  await expect(demo.message).toHaveText('Cancelled: the dataset and model are as they were.');
  await expect(demo.progress).toHaveCount(0);

  // A λ outside the task's range or listed twice: the form says so (the CLI's one-line message) and marks the box invalid.
  const inputError = demo.root.getByTestId('demo-input-error');
  for (const [list, message] of [
    ['0.05, 0.5, 2', "λ = 2 is outside the quantile task's range [0.05, 0.95]"],
    ['0.3, 0.3, 0.5', 'λ = 0.3 is listed twice'],
    ['0x10, 0.5', '"0x10" is not a number'],
    ['0.05,,0.5', 'an entry between two commas is empty: type a number there or remove the extra comma'],
  ]) {
    await demo.anchors.fill(list);
    await demo.trainButton.click();
    await expect(inputError).toContainText(message);
    await expect(demo.anchors).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.progress).toHaveCount(0);
  }
  await expect(demo.error).toHaveCount(0);
  // Editing the list drops the message about the list as it was.
  await demo.anchors.fill('0.05, 0.5');
  await expect(inputError).toHaveCount(0);
  await expect(demo.anchors).toHaveAttribute('aria-invalid', 'false');

  await expect(app.dataSummary).toHaveText(summary!);
  await expect(app.stepCounter).toHaveText(steps!);
  expect(await app.checksum()).toBe(drawn);
  expect(app.errors).toEqual([]);
});

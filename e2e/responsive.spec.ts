import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

test.use({ viewport: { width: 390, height: 844 } });

test('on a 390 px phone there is no horizontal scrolling and the slider and outputs are on the first screen', async ({ page }, testInfo) => {
  const app = await new ExplorerPage(page).open();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const el of [app.slider, app.outputView]) {
    const box = await el.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height / 2).toBeLessThan(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  // The views shrink with their cards rather than spill over.
  for (const view of [app.outputView, app.geodesicView, app.metricView]) {
    const box = (await view.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await testInfo.attach('phone-first-screen', { body: await page.screenshot(), contentType: 'image/png' });
  // The slider still works by touch-sized targets: an anchor label is at least 22 px tall.
  const label = page.getByRole('button', { name: 'Go to anchor t = 0.5' });
  expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(22);
  expect(app.errors).toEqual([]);
});

test('on a phone a bar at the foot of the screen keeps the state in sight and jumps to Train', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const bar = page.getByTestId('phone-bar');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('phone-status')).toHaveText('trained 150 steps · step 150 / 150');
  // At the foot of the first screen, over the views.
  const box = (await bar.boundingBox())!;
  expect(box.y + box.height).toBeGreaterThan(800);
  expect(box.y + box.height).toBeLessThanOrEqual(845);
  // Train is far below the views; the bar's link brings it on screen.
  expect((await app.button('Train').boundingBox())!.y).toBeGreaterThan(844);
  await bar.getByRole('link', { name: /Train and settings/ }).click();
  await expect.poll(async () => (await app.button('Train').boundingBox())!.y).toBeLessThan(844);
  await app.setNumber('Seed', '6');
  await expect(page.getByTestId('phone-status')).toHaveText('untrained · step 0 / 150');
  // The dataset is further down still, under the evaluation panel; the bar jumps there too.
  const dataset = page.getByLabel('Dataset');
  await bar.getByRole('link', { name: 'Data ↓' }).click();
  await expect.poll(async () => (await dataset.boundingBox())!.y).toBeLessThan(844);
  expect(app.errors).toEqual([]);
});

test.describe('on a touch phone', () => {
  test.use({ hasTouch: true, isMobile: true });

  test('the outputs plot starts on the first screen, above the foot bar, and the keyboard shortcuts give up their row', async ({ page }) => {
    const app = await new ExplorerPage(page).open();
    await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeHidden();
    const bar = (await page.getByTestId('phone-bar').boundingBox())!;
    const plot = (await app.outputView.boundingBox())!;
    // At least 100 px of the plot in sight between its top and the bar (touch-sized controls push it down).
    expect(bar.y - plot.y).toBeGreaterThanOrEqual(100);
    // The dialog still opens with ? where a keyboard is attached.
    await page.keyboard.press('?');
    await expect(app.shortcutsDialog).toBeVisible();
    expect(app.errors).toEqual([]);
  });
});

import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

const STEPS = 8;

/** The tour's box and the element it explains are both fully on screen. */
async function expectStepInView(page: Page, target: string) {
  const tour = page.getByRole('dialog', { name: 'Guided tour' });
  await expect(tour).toBeInViewport({ ratio: 1 });
  await expect(page.locator(`#${target}`)).toHaveClass(/tour-focus/);
  await expect(page.locator(`#${target}`)).toBeInViewport();
}

// The phone is a touch phone: its bigger targets (touch-targets.css) once widened the page past the screen at step 6, and the box's buttons with it.
for (const [name, use] of [
  ['desktop', { viewport: { width: 1440, height: 900 } }],
  ['phone', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }],
] as const) {
  test.describe(name, () => {
  test.use(use);
  test(`the tour stays in view at every step and acts as it talks (${name})`, async ({ page }, testInfo) => {
    const app = await new ExplorerPage(page).open();
    const tour = page.getByRole('dialog', { name: 'Guided tour' });
    const straight = page.getByRole('checkbox', { name: /straight-line paths/ });
    const demoMode = page.locator('#demo-panel details');
    const lambdaBefore = (await app.drawn('outputs'))!.lambda;

    await app.button('Take the tour').click();
    await expect(tour).toBeFocused();
    const targets = ['output', 'lambda-control', 'geodesics', 'metric', 'potential', 'output', 'demo-panel', 'demo-check'];
    for (let i = 0; i < STEPS; i++) {
      await expect(tour).toContainText(`${i + 1}/${STEPS} ·`);
      await expectStepInView(page, targets[i]);
      if (i === 0) await expect.poll(async () => (await app.drawn('outputs'))!.lambda).toBeCloseTo(0.5 / 3, 5);
      if (i === 1) await expect(app.button('Stop sweeping λ')).toBeVisible();
      if (i === 2) await expect(straight).toBeChecked();
      if (i === 5) {
        await expect.poll(() => app.overlayMethod(), { timeout: 60_000 }).toBe('mccann');
        await expect(page.getByTestId('overlay-status')).toContainText('shown as', { timeout: 60_000 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(use.viewport.width);
        await expectStepInView(page, targets[i]);
      }
      if (i >= 6) await expect(demoMode).toHaveAttribute('open');
      await testInfo.attach(`tour-${name}-${i + 1}`, { body: await page.screenshot(), contentType: 'image/png' });
      if (i < STEPS - 1) await tour.getByRole('button', { name: 'Next' }).click();
    }
    // Leaving a step puts back what it did: no sweep after step 2, no straight paths after step 3.
    await expect(app.button('Sweep λ')).toBeVisible();
    await expect(straight).not.toBeChecked();

    // Escape closes it, undoes the last step's overlay and λ, and gives focus back.
    await page.keyboard.press('Escape');
    await expect(tour).toHaveCount(0);
    await expect.poll(() => app.overlayMethod()).toBe('');
    await expect(demoMode).not.toHaveAttribute('open');
    await expect.poll(async () => (await app.drawn('outputs'))!.lambda).toBeCloseTo(lambdaBefore, 5);
    await expect(app.button('Take the tour')).toBeFocused();
    expect(app.errors).toEqual([]);
  });
});
}

test('on an untrained model and a plain one, the tour says what the views show now, not what they would show on the preset', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const rows = ['lambda,y0,y1', ...[0, 1].flatMap((l) => Array.from({ length: 40 }, (_, i) => `${l},${(2 * l + 0.05 * (i % 9)).toFixed(2)},${(0.04 * (i % 11)).toFixed(2)}`))];
  await app.upload('plain.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('plain.csv: 2 anchors');
  await expect(app.trainState).toHaveAttribute('data-state', 'untrained');
  await app.button('Take the tour').click();
  const tour = page.getByRole('dialog', { name: 'Guided tour' });
  const now = tour.getByTestId('tour-now');
  await expect(now).toContainText('This model is not trained yet');
  const next = () => tour.getByRole('button', { name: 'Next' }).click();
  await next();
  await expect(now).toHaveCount(0);
  await next();
  await expect(now).toContainText('not trained yet');
  await next();
  await expect(now).toContainText('G is held at I');
  await next();
  await expect(now).toContainText('α is 0');
  await page.keyboard.press('Escape');
  // Trained, the first step no longer says so, and the paths step says what they are.
  await app.trainBriefly();
  await app.button('Take the tour').click();
  await expect(tour).toContainText('1/8');
  await expect(now).toHaveCount(0);
  await next();
  await next();
  await expect(now).toContainText('the paths are straight lines');
  await page.keyboard.press('Escape');
  expect(app.errors).toEqual([]);
});

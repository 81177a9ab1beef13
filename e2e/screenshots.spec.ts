import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { DemoPanel } from './pages/demo-panel';
import { EvaluationPanel } from './pages/evaluation-panel';
import { ExplorerPage } from './pages/explorer';

/*
 * Screenshots of every view at desktop and phone size, in light and dark, for looking at by eye
 * (and for the README's pictures). Skipped unless SCREENSHOTS is set, so the normal suite neither
 * runs nor waits for it:
 *   E2E_PORT=4184 SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
 * Writes PNGs to SHOTS_DIR (default /tmp/shots). SHOTS_SCALE sets the device scale factor.
 */
test.skip(!process.env.SCREENSHOTS, 'screenshots only when SCREENSHOTS=1');

const DIR = process.env.SHOTS_DIR ?? '/tmp/shots';
const THEMES = ['Light', 'Dark'] as const;
const SIZES = [
  { name: 'desktop', use: { viewport: { width: 1440, height: 900 } } },
  { name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
] as const;

/** Lets canvases redraw in the new theme, and animations settle, before a shot. */
const settle = (page: Page) => page.waitForTimeout(600);

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ ...size.use, deviceScaleFactor: Number(process.env.SHOTS_SCALE ?? 1) });

    test(`every view, light and dark (${size.name})`, async ({ page }) => {
      test.setTimeout(900_000);
      mkdirSync(DIR, { recursive: true });
      const app = await new ExplorerPage(page).open();
      await expect(app.trainState).toContainText('trained');
      const shot = async (theme: string, view: string, target: Page | ReturnType<Page['locator']> = page, fullPage = false) => {
        await settle(page);
        const path = `${DIR}/${size.name}-${theme.toLowerCase()}-${view}.png`;
        if ('goto' in target) await target.screenshot({ path, fullPage });
        else await target.screenshot({ path });
      };

      // The evaluation, run once with few steps; its table and curve stay for both themes.
      const evaluation = new EvaluationPanel(page);
      await evaluation.setSteps(3, 40);
      await evaluation.run();
      await expect(evaluation.table.locator('tbody tr')).toHaveCount(5, { timeout: 400_000 });
      await expect(evaluation.cancelButton).toBeDisabled({ timeout: 60_000 });

      for (const theme of THEMES) {
        await app.themeOption(theme).check();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(theme, 'first-screen');
        if (size.name === 'phone') {
          // The slider and the outputs together, as a phone user scrolls to them.
          await page.locator('#lambda-control').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 10));
          await shot(theme, 'slider-outputs');
          await page.evaluate(() => window.scrollTo(0, 0));
        }
        await shot(theme, 'page', page, true);
        for (const id of ['output', 'geodesics', 'metric', 'potential']) await shot(theme, `card-${id}`, app.card(id));
        await shot(theme, 'loss', page.locator('.loss-chart'));
        await shot(theme, 'evaluation', evaluation.root);

        // "Train the networks yourself", opened.
        const demo = new DemoPanel(page);
        await demo.open();
        await shot(theme, 'demo-panel', demo.root);
        await demo.root.locator('summary').click();

        // The keyboard shortcuts.
        await page.evaluate(() => window.scrollTo(0, 0));
        await app.shortcutsButton.click();
        await expect(app.shortcutsDialog).toBeVisible();
        await shot(theme, 'shortcuts');
        await page.keyboard.press('Escape');

        // The tour, at its first and third steps.
        await app.button('Take the tour').click();
        const tour = page.getByRole('dialog', { name: 'Guided tour' });
        await expect(tour).toBeInViewport({ ratio: 1 });
        await shot(theme, 'tour-1');
        await tour.getByRole('button', { name: 'Next' }).click();
        await tour.getByRole('button', { name: 'Next' }).click();
        await expect(tour).toContainText('3/');
        await shot(theme, 'tour-3');
        await page.keyboard.press('Escape');
        await expect(tour).toHaveCount(0);
      }
      // Last, as it moves λ: the comparison panel beside the outputs.
      for (const theme of THEMES) {
        await app.themeOption(theme).check();
        await app.pinButton.click();
        await expect(app.compareCard).toBeVisible();
        await app.slider.focus();
        await page.keyboard.press('PageUp');
        await app.compareCard.scrollIntoViewIfNeeded();
        await shot(theme, 'compare', page.locator('.views'));
        await app.compareClose.click();
        await expect(app.compareCard).toHaveCount(0);
      }
      expect(app.errors).toEqual([]);
    });
  });
}

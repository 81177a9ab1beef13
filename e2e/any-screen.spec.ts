import { expect, type Locator, type Page, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

/** The page's root font size in px (every rem of the layout follows it). */
const rootFontSize = (page: Page) => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
const width = async (el: Locator) => (await el.boundingBox())!.width;

/** Every visible control lies inside the viewport's width (none needs horizontal scrolling to reach). */
async function expectControlsWithin(page: Page, viewportWidth: number) {
  const outside = await page.evaluate((w) => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input:not([type="file"]), [role="slider"], summary, a[href]')];
    return controls
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.left + window.scrollX < -0.5 || box.right + window.scrollX > w + 0.5)
      .map(({ name }) => name);
  }, viewportWidth);
  expect(outside).toEqual([]);
}

test.describe('desktop', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('presentation mode: large type and views, fewer controls; Escape, the button and f leave it', async ({ page }, testInfo) => {
    const app = await new ExplorerPage(page).open();
    const toggle = page.getByRole('button', { name: /Presentation/ });
    const seed = app.control('Seed');
    const normal = { font: await rootFontSize(page), card: await width(app.card('output')) };
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(seed).toBeVisible();

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await rootFontSize(page)).toBeGreaterThanOrEqual(normal.font * 1.3);
    // The side panel's settings, status and data are hidden; Train/Pause, the slider and the views stay.
    for (const hidden of [seed, app.control('Variant'), app.control('Built-in dataset'), app.backendReadout, app.button('Reset')]) await expect(hidden).toBeHidden();
    for (const shown of [app.button('Train'), app.button('Pause'), app.slider, app.outputView, app.geodesicView]) await expect(shown).toBeVisible();
    // The hidden status panel's state, in one line beside the buttons.
    // The phone's bar is for narrow screens only, and never in presentation mode.
    await expect(page.getByTestId('phone-bar')).toBeHidden();
    const line = page.getByTestId('presentation-status');
    await expect(line).toBeVisible();
    await expect(line).toHaveText('trained 150 steps · step 150 / 150');
    expect(await width(app.card('output'))).toBeGreaterThan(normal.card * 1.15);
    // Two views side by side on the first screen.
    const [output, geodesics] = [(await app.card('output').boundingBox())!, (await app.card('geodesics').boundingBox())!];
    expect(Math.abs(output.y - geodesics.y)).toBeLessThan(2);
    expect(output.y).toBeLessThan(900);
    // The link carries it.
    await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
    await testInfo.attach('presentation-1440', { body: await page.screenshot(), contentType: 'image/png' });

    // Training shows on it: the state and the step count move (Seed is set outside presentation, where its box is).
    await page.keyboard.press('f');
    await app.setNumber('Seed', '4');
    await page.keyboard.press('f');
    await expect(line).toContainText('untrained · step 0 / 150');
    await app.train();
    await expect(line).toContainText(/^(pre-training · \d+ % of pre-training|training) · step \d+ \/ 150/);
    await app.pause();
    await expect(line).toContainText(/^paused at \d+/);

    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(line).toBeHidden();
    expect(await rootFontSize(page)).toBe(normal.font);
    await expect(seed).toBeVisible();
    expect(Math.abs((await width(app.card('output'))) - normal.card)).toBeLessThan(1);
    await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBeNull();

    // The shortcut switches it both ways; so does the header button.
    await page.keyboard.press('f');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(seed).toBeHidden();
    await page.keyboard.press('f');
    await expect(seed).toBeVisible();
    await toggle.click();
    await expect(seed).toBeHidden();
    await toggle.click();
    await expect(seed).toBeVisible();
    expect(app.errors).toEqual([]);
  });

  test('a link with present=1 opens in presentation mode, and Escape belongs to an open dialog first', async ({ page }) => {
    const app = await new ExplorerPage(page).open('?present=1');
    const toggle = page.getByRole('button', { name: /Presentation/ });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(app.control('Seed')).toBeHidden();
    await page.keyboard.press('?');
    await expect(app.shortcutsDialog).toBeVisible();
    await expect(app.shortcutsDialog).toContainText('Presentation mode on or off');
    await page.keyboard.press('Escape');
    await expect(app.shortcutsDialog).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(app.errors).toEqual([]);
  });

  test('a view enlarges to the full width of the views and back; its canvas stays sharp', async ({ page }) => {
    const app = await new ExplorerPage(page).open();
    const views = page.locator('.views');
    const card = app.card('output');
    const before = { card: await width(card), figure: await width(app.outputView) };
    expect(before.card).toBeLessThan((await width(views)) * 0.6);

    await app.button('Enlarge Outputs at λ').click();
    await expect(app.button('Shrink Outputs at λ')).toBeVisible();
    await expect.poll(async () => Math.abs((await width(card)) - (await width(views)))).toBeLessThan(1);
    expect(await width(app.outputView)).toBeGreaterThan(before.figure * 1.2);
    // The figure fits on the screen, axes and legend included.
    expect((await page.locator('#output .plot-figure').boundingBox())!.height).toBeLessThanOrEqual(900);
    // The canvas draws at its displayed size (device pixels), not at a stretched 360 px.
    await expect
      .poll(() => app.outputView.evaluate((c: HTMLCanvasElement) => c.width - Math.round(c.getBoundingClientRect().width * devicePixelRatio)))
      .toBe(0);
    // The SVG axes lie on the canvas: the same box.
    const svgBox = (await page.locator('#output .plot-figure > svg').boundingBox())!;
    const canvasBox = (await app.outputView.boundingBox())!;
    expect(Math.abs(svgBox.width - canvasBox.width) + Math.abs(svgBox.height - canvasBox.height)).toBeLessThan(1);

    await app.button('Shrink Outputs at λ').click();
    await expect.poll(async () => Math.abs((await width(card)) - before.card)).toBeLessThan(1);
    await expect(app.button('Enlarge Outputs at λ')).toBeVisible();
    expect(app.errors).toEqual([]);
  });
});

test.describe('200 % zoom (1440 × 900 at 200 %)', () => {
  test.use({ viewport: { width: 720, height: 450 } });

  for (const [mode, query] of [
    ['normal', ''],
    ['presentation', '?present=1'],
  ] as const) {
    test(`the page reflows without horizontal scrolling and every control is reachable (${mode})`, async ({ page }, testInfo) => {
      const app = await new ExplorerPage(page).open(query);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
      await expectControlsWithin(page, 720);
      // A view and its figure are no wider than the screen and keep a usable size.
      const figure = (await app.outputView.boundingBox())!;
      expect(figure.x + figure.width).toBeLessThanOrEqual(720);
      expect(figure.width).toBeGreaterThanOrEqual(200);
      // The slider keeps a track to drag (beside the buttons in presentation mode it once had none left).
      expect(await width(page.locator('#lambda-control .track'))).toBeGreaterThan(200);
      await testInfo.attach(`zoom-200-${mode}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
      expect(app.errors).toEqual([]);
    });
  }
});

test.describe('projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('presentation mode at 1280 × 720: one title line, a whole card on screen, and Train, the state and the slider in sight while scrolling', async ({ page }) => {
    const app = await new ExplorerPage(page).open('?present=1');
    const title = page.locator('header h1');
    expect((await title.boundingBox())!.height).toBeLessThan(1.6 * (await rootFontSize(page)) * 1.1);
    // The first card, its caption included, fits under the slider row.
    const card = (await app.card('output').boundingBox())!;
    expect(card.y + card.height).toBeLessThanOrEqual(720);
    await page.evaluate(() => window.scrollTo(0, 800));
    for (const el of [app.slider, app.button('Train'), page.getByTestId('presentation-status')]) await expect(el).toBeInViewport();
    expect(app.errors).toEqual([]);
  });
});

test.describe('touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('presentation mode on a phone: Train and Pause side by side, the state under them, and a slider track wider than its readout', async ({ page }) => {
    const app = await new ExplorerPage(page).open('?present=1&preset=quantile-fan');
    const [train, pause] = [(await app.button('Train').boundingBox())!, (await app.button('Pause').boundingBox())!];
    expect(train.x + train.width).toBeLessThanOrEqual(pause.x);
    const status = (await page.getByTestId('presentation-status').boundingBox())!;
    expect(status.y).toBeGreaterThanOrEqual(train.y + train.height - 1);
    expect(await width(page.locator('#lambda-control .track'))).toBeGreaterThan(200);
    await page.evaluate(() => window.scrollTo(0, 900));
    await expect(app.slider).toBeInViewport();
    expect(app.errors).toEqual([]);
  });

  test('the slider thumb, anchor labels and buttons are at least 40 px tall', async ({ page }, testInfo) => {
    const app = await new ExplorerPage(page).open();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const thumb = (await app.slider.boundingBox())!;
    expect(thumb.height).toBeGreaterThanOrEqual(40);
    expect(thumb.width).toBeGreaterThanOrEqual(40);
    const anchors = page.getByRole('button', { name: /^Go to anchor/ });
    expect(await anchors.count()).toBeGreaterThanOrEqual(2);
    for (const label of await anchors.all()) expect((await label.boundingBox())!.height, (await label.textContent()) ?? '').toBeGreaterThanOrEqual(40);
    // Every visible button on the page.
    const short = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => b.getClientRects().length > 0)
        .filter((b) => b.getBoundingClientRect().height < 40)
        .map((b) => b.getAttribute('aria-label') ?? b.textContent),
    );
    expect(short).toEqual([]);
    // Bigger targets still fit the phone's width, and the thumb still moves λ by touch.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const label = page.getByRole('button', { name: 'Go to anchor t = 0.5' });
    await label.tap();
    await expect.poll(() => app.lambda()).toBe(0.5);
    await testInfo.attach('phone-touch', { body: await page.screenshot(), contentType: 'image/png' });
    expect(app.errors).toEqual([]);
  });
});

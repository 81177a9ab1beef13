import { expect, type Locator, test } from '@playwright/test';
import { anchorCsv, ExplorerPage } from './pages/explorer';

/** The visible labels of an SVG axis's ticks. */
async function tickLabels(axis: Locator): Promise<string[]> {
  return (await axis.locator('.tick text').allTextContents()).map((t) => t.trim()).filter(Boolean);
}

test('pinned outputs stay at their λ beside the live view; a baseline follows the slider; Unpin closes', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.compareCard).toHaveCount(0);
  await expect(app.pinButton).toBeEnabled();
  const pinnedLambda = await app.lambda();
  await app.pinButton.click();

  // The panel opens beside the outputs, titled with the pinned λ as the slider shows it.
  await expect(app.compareTitle).toHaveText(/^Pinned: λ = \d(\.\d{1,2})?$/);
  await expect.poll(async () => (await app.compareDrawn())?.method).toBe('pinned');
  const pinned = (await app.compareDrawn())!;
  expect(pinned.lambda).toBeCloseTo(pinnedLambda, 6);
  expect(pinned.checksum).toBe(await app.checksum());
  // Beside the outputs, cards and figures lined up; read together once the page has settled (a note
  // above the views, such as the anchor-fidelity line, can still move both between two reads).
  await expect
    .poll(async () => {
      const [outputBox, compareBox, outputFig, compareFig] = await Promise.all(
        [app.card('output'), app.compareCard, app.outputView, app.compareView].map(async (l) => (await l.boundingBox())!),
      );
      return Math.abs(compareBox.y - outputBox.y) < 2 && compareBox.x >= outputBox.x + outputBox.width && Math.abs(compareFig.y - outputFig.y) < 2;
    })
    .toBe(true);
  // The same frame and legend as the live view, so the two read alike.
  for (const orient of ['bottom', 'left']) {
    expect(await tickLabels(app.compareCard.locator(`svg .axis-${orient}`))).toEqual(await tickLabels(app.card('output').locator(`svg .axis-${orient}`)));
  }
  await expect(app.compareCard.getByTestId('class-legend').locator('.legend-item text')).toHaveText(await app.card('output').getByTestId('class-legend').locator('.legend-item text').allTextContents());
  await expect(app.compareCard.getByTestId('compare-untrained-note')).toHaveCount(0);
  await expect(app.compareClose).toHaveText('Unpin');

  // The live view follows the slider; the pinned panel keeps what it froze.
  const title = await app.compareTitle.textContent();
  const live = await app.checksum();
  await app.slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => app.checksum()).not.toBe(live);
  expect(await app.lambda()).not.toBe(pinnedLambda);
  expect(await app.compareDrawn()).toEqual(pinned);
  await expect(app.compareTitle).toHaveText(title!);
  await expect(app.pinButton).not.toHaveText(`Pin ${title!.replace('Pinned: ', '')}`);

  // A baseline at the slider's λ instead: titled, drawn, and moving with the slider.
  await app.compareSource.selectOption('mccann');
  await expect(app.compareTitle).toHaveText('McCann (straight-line OT) at λ');
  await expect(app.compareClose).toHaveText('Close');
  await expect.poll(async () => (await app.compareDrawn())?.method, { timeout: 60_000 }).toBe('mccann');
  const baseline = (await app.compareDrawn())!;
  expect(baseline.checksum).toMatch(/^-?\d+$/);
  expect(baseline.lambda).toBeCloseTo(await app.lambda(), 6);
  // λ moves redraw the panel's samples (a canvas), never its title, axes or legend.
  await page.evaluate(() => {
    const w = window as unknown as { __compareMutations: number };
    w.__compareMutations = 0;
    const observer = new MutationObserver((records) => (w.__compareMutations += records.length));
    for (const el of document.querySelectorAll('#compare header, #compare .axes, #compare .legend')) observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await app.slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await app.compareDrawn())?.checksum).not.toBe(baseline.checksum);
  expect(await page.evaluate(() => (window as unknown as { __compareMutations: number }).__compareMutations)).toBe(0);
  await expect(app.compareCard.locator('figcaption')).toContainText('straight lines of the exact optimal coupling');

  // Back to the pin: unchanged.
  await app.compareSource.selectOption('pinned');
  await expect.poll(() => app.compareDrawn()).toEqual(pinned);
  await expect(app.compareTitle).toHaveText(title!);

  await app.compareClose.click();
  await expect(app.compareCard).toHaveCount(0);
  expect(await app.compareDrawn()).toBeNull();
  expect(app.errors).toEqual([]);
});

test('a pin from an untrained or older model says so, and a new dataset clears it', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // A small Euclidean problem trains in a few seconds.
  await app.control('Variant').selectOption('euclidean');
  await app.upload('tiny.csv', anchorCsv([0, 1], 12, 2));
  await expect(app.dataSummary).toContainText('tiny.csv: 2 anchors');
  await expect(app.card('output').getByTestId('untrained-note')).toBeVisible();
  await expect(app.pinButton).toBeEnabled();
  await app.pinButton.click();
  await expect(app.compareCard.getByTestId('compare-untrained-note')).toContainText('Untrained');
  await expect(app.compareCard.getByTestId('compare-stale')).toHaveCount(0);

  // Training moves the live model on: the pin is labelled as the older model's.
  await expect(app.button('Step')).toBeEnabled();
  await app.step();
  await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBe(1);
  await expect(app.compareCard.getByTestId('compare-stale')).toContainText('step 0', { timeout: 60_000 });
  await expect(app.compareCard.getByTestId('compare-untrained-note')).toBeVisible();

  // Other data: the pinned picture belongs to the old data and goes.
  await app.upload('other.csv', anchorCsv([0, 1], 12, 3));
  await expect(app.dataSummary).toContainText('other.csv: 2 anchors');
  await expect(app.compareCard).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a pin while the views keep the previous model pins that model, the one drawn', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');
  // A restart setting: the new model is untrained, and the outputs view keeps the trained model's picture.
  await app.setNumber('Seed', '5');
  await expect(app.card('output').getByTestId('kept-picture-note')).toBeVisible();
  await app.pinButton.click();
  await expect.poll(async () => (await app.compareDrawn())?.method).toBe('pinned');
  // What is pinned is the trained model the view showed, not the untrained one behind it.
  await expect(app.compareCard.getByTestId('compare-untrained-note')).toHaveCount(0);
  await expect(app.compareCard.getByTestId('compare-stale')).toHaveCount(0);
  await expect(app.compareCard.locator('figcaption')).toContainText('from the model at step 150');
  expect(app.errors).toEqual([]);
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the comparison panel sits below the outputs without horizontal scrolling', async ({ page }) => {
    const app = await new ExplorerPage(page).open();
    await app.pinButton.click();
    await expect.poll(async () => (await app.compareDrawn())?.method).toBe('pinned');
    const noOverflow = async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const el of [app.compareCard, app.compareView, app.compareSource]) {
        const box = (await el.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    };
    await noOverflow();
    // Below the outputs, once the layout has settled (notes under the slider can still come and go).
    await expect
      .poll(async () => {
        const output = (await app.card('output').boundingBox())!;
        return (await app.compareCard.boundingBox())!.y - (output.y + output.height);
      })
      .toBeGreaterThanOrEqual(0);
    // The select is as wide as its longest option; a baseline's title and caption wrap.
    await app.compareSource.selectOption('nearest');
    await expect(app.compareTitle).toHaveText('Nearest anchor at λ');
    await expect.poll(async () => (await app.compareDrawn())?.method, { timeout: 60_000 }).toBe('nearest');
    await noOverflow();
    expect(app.errors).toEqual([]);
  });
});

import { expect, test } from '@playwright/test';
import { PRESET_IDS } from '../src/core/datasets/presets';
import { ExplorerPage } from './pages/explorer';

/**
 * Every built-in preset ships a pretrained model (public/pretrained/, scripts/pretrain.sh): choosing
 * a preset with the default settings shows it trained, so the slider works before anyone trains.
 */

/** The shipped model is in place: trained 150 steps, nothing dimmed, and the worker finds it reproduces its anchors. */
async function expectPretrained(app: ExplorerPage) {
  await expect(app.trainState).toHaveAttribute('data-state', 'trained', { timeout: 60_000 });
  await expect(app.trainState).toContainText('State: trained 150 steps');
  await expect(app.stepCounter).toContainText('Step 150 / 150');
  await expect(app.page.getByTestId('untrained-note')).toHaveCount(0);
  // Measured after the model's snapshot reached the views, so what they draw is this model.
  await expect(app.page.getByTestId('fidelity-note-ok')).toContainText('The surrogate reproduces its 3 anchors', { timeout: 60_000 });
}

for (const id of PRESET_IDS) {
  test(`choosing ${id} shows its pretrained model: trained, the slider moves the outputs, Train trains on`, async ({ page }) => {
    // Open on another preset by link (which gets that preset's model), then choose this one as a user would.
    const other = PRESET_IDS.find((p) => p !== id)!;
    const app = await new ExplorerPage(page).open(`?preset=${other}`);
    await expect(app.dataSummary).toContainText(`${other}:`);
    await expectPretrained(app);

    await app.choosePreset(id);
    await expect(app.dataSummary).toContainText(`${id}:`);
    await expectPretrained(app);

    const before = await app.checksum();
    await app.slider.press('ArrowRight');
    await expect.poll(() => app.checksum()).not.toBe(before);

    await app.train();
    await expect(app.control('Iterations')).toHaveValue('300');
    await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBeGreaterThan(150);
    await app.pause();
    await expect(app.trainState).toHaveAttribute('data-state', 'paused');
    expect(app.errors).toEqual([]);
  });
}

test("switching presets quickly ends on the second preset's model: the first one's, arriving late, is dropped", async ({ page }) => {
  const app = new ExplorerPage(page);
  // Hold dropout-moons' model back until quantile-fan's is shown, so it arrives stale.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pretrained/dropout-moons.json', async (route) => {
    await held;
    await route.continue();
  });
  await app.open();
  await expectPretrained(app);

  await app.choosePreset('dropout-moons');
  await app.choosePreset('quantile-fan');
  await expectPretrained(app);

  const stale = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/pretrained/dropout-moons.json'));
  release();
  await stale;
  // The page has read the stale file once a second read of it, asked for after, is done.
  await page.evaluate(() => fetch('pretrained/dropout-moons.json').then((r) => r.json()));

  // The model in the worker is quantile-fan's: saving it names its dataset.
  const download = page.waitForEvent('download');
  await app.button('Save model').click();
  expect((await download).suggestedFilename()).toBe('hti-model-quantile-fan-150steps.json');
  await expect(app.dataSummary).toContainText('quantile-fan:');
  await expect(app.trainState).toContainText('State: trained 150 steps');
  expect(app.errors).toEqual([]);
});

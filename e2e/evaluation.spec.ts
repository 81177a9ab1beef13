import { expect, test } from '@playwright/test';
import { checksum, openApp, stepCount } from './helpers';

test('the evaluation panel holds out an anchor, trains every method on the rest and leaves the user model alone', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const errors = await openApp(page);
  const steps = await stepCount(page);
  const before = await checksum(page);
  const panel = page.getByRole('region', { name: 'Evaluate on held-out anchors' });
  await expect(panel.getByRole('checkbox', { name: 'λ = 0.5' })).toBeChecked();
  await expect(panel.getByRole('radio', { name: /one at a time/ })).toBeChecked();
  // Few steps: this checks the panel's contract, not the method's quality (that is in BENCHMARKS.md).
  await panel.getByLabel('CLOT steps per split').fill('3');
  await panel.getByLabel('Baseline network steps').fill('40');
  await panel.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(panel.getByRole('status')).toBeVisible();
  const table = panel.getByTestId('eval-table');
  await expect(table.locator('tbody tr')).toHaveCount(5, { timeout: 240_000 });
  await expect(panel.getByRole('button', { name: 'Cancel' })).toBeDisabled({ timeout: 60_000 });
  await expect(table.locator('thead')).toContainText('NLL (true density)');
  for (const method of ['full', 'nearest', 'mccann', 'cfm', 'regression']) {
    const row = table.locator(`tr[data-method="${method}"]`);
    await expect(row.locator('td').nth(1)).toHaveText('0.5');
    const w2 = Number(await row.locator('td').nth(2).textContent());
    expect(w2).toBeGreaterThan(0);
    expect(Number.isFinite(w2)).toBe(true);
  }
  // Straight-line OT between t = 0 and 1 cuts across the circles; the nearest anchor stays on them.
  const nll = async (m: string) => Number(await table.locator(`tr[data-method="${m}"] td`).nth(3).textContent());
  expect(await nll('nearest')).toBeLessThan(await nll('mccann'));
  await expect(panel).toContainText('W2: exact, per class, averaged.');
  await expect(panel.getByTestId('eval-curve').locator('polyline')).toHaveCount(5);
  await testInfo.attach('evaluation-panel', { body: await panel.screenshot(), contentType: 'image/png' });
  // The user's model is untouched.
  expect(await stepCount(page)).toBe(steps);
  expect(await checksum(page)).toBe(before);
  expect(errors).toEqual([]);
});

test('a baseline overlay is drawn next to the surrogate and follows the slider', async ({ page }, testInfo) => {
  const errors = await openApp(page);
  await page.getByLabel("Overlay a baseline's samples").selectOption('mccann');
  const view = page.getByTestId('output-view');
  await expect(view).toHaveAttribute('data-overlay', 'mccann', { timeout: 60_000 });
  await expect(page.getByTestId('overlay-status')).toContainText('shown as dark rings');
  const first = await view.getAttribute('data-overlay-checksum');
  const slider = page.getByRole('slider', { name: /λ/ });
  await slider.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(() => view.getAttribute('data-overlay-checksum')).not.toBe(first);
  await testInfo.attach('overlay-mccann', { body: await page.locator('#output').screenshot(), contentType: 'image/png' });
  await page.getByLabel("Overlay a baseline's samples").selectOption('');
  await expect(view).not.toHaveAttribute('data-overlay', /.+/);
  expect(errors).toEqual([]);
});

test('switching dataset during an evaluation stops it and shows nothing from the old data', async ({ page }) => {
  const errors = await openApp(page);
  const panel = page.getByRole('region', { name: 'Evaluate on held-out anchors' });
  // One flow-matching run of a few seconds: without the stop its row would land after the switch.
  for (const m of [/CLOT K_θ − U/, /Nearest anchor/, /McCann/, /Direct regression/]) await panel.getByRole('checkbox', { name: m }).uncheck();
  await panel.getByLabel('Baseline network steps').fill('600');
  await panel.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(panel.getByRole('status')).toContainText(/cfm, holding out λ = 0\.5: step \d+\/600/);
  await page.getByLabel('Built-in dataset').selectOption('dropout-moons');
  await expect(page.getByTestId('data-summary')).toContainText('dropout-moons');
  await expect(panel.getByRole('status')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Run evaluation' })).toBeEnabled();
  // Long enough for the old run to have finished had it gone on; nothing of it may appear.
  await page.waitForTimeout(8000);
  await expect(panel.getByTestId('eval-table')).toHaveCount(0);
  expect(errors).toEqual([]);
});

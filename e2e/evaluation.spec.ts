import { expect, test } from '@playwright/test';
import { EvaluationPanel } from './pages/evaluation-panel';
import { ExplorerPage } from './pages/explorer';

test('the evaluation panel holds out an anchor, trains every method on the rest and leaves the user model alone', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const app = await new ExplorerPage(page).open();
  const steps = await app.stepCount();
  const before = await app.checksum();
  const panel = new EvaluationPanel(page);
  await expect(panel.heldOut('0.5')).toBeChecked();
  await expect(panel.root.getByRole('radio', { name: /one at a time/ })).toBeChecked();
  // Few steps: this checks the panel's contract, not the method's quality (that is in BENCHMARKS.md).
  await panel.setSteps(3, 40);
  await panel.run();
  await expect(panel.status).toBeVisible();
  await expect(panel.table.locator('tbody tr')).toHaveCount(5, { timeout: 240_000 });
  await expect(panel.cancelButton).toBeDisabled({ timeout: 60_000 });
  await expect(panel.table.locator('thead')).toContainText('NLL (true density)');
  for (const method of ['full', 'nearest', 'mccann', 'cfm', 'regression']) {
    await expect(panel.cell(method, 1)).toHaveText('0.5');
    const w2 = await panel.number(method, 2);
    expect(w2).toBeGreaterThan(0);
    expect(Number.isFinite(w2)).toBe(true);
  }
  // Straight-line OT between t = 0 and 1 cuts across the circles; the nearest anchor stays on them.
  expect(await panel.number('nearest', 3)).toBeLessThan(await panel.number('mccann', 3));
  await expect(panel.root).toContainText('W2: exact, per class, averaged.');
  // Reading cues: every score column says lower is better; the smallest W2 at λ = 0.5 is marked best (a tie
  // marks each: trained on the two end anchors, the full method's metric is held and it draws McCann's straight lines).
  await expect(panel.table.locator('thead th', { hasText: 'W2' })).toContainText('lower is better');
  await expect(panel.table.locator('thead th', { hasText: 'NLL' })).toHaveAttribute('title', /log-likelihood.*Lower is better/);
  const methods = ['full', 'nearest', 'mccann', 'cfm', 'regression'];
  const w2s = await Promise.all(methods.map((m) => panel.number(m, 2)));
  const bestFlags = await Promise.all(methods.map((m) => panel.isBest(m, 2)));
  const least = Math.min(...w2s);
  expect(bestFlags.some(Boolean)).toBe(true);
  // Flagged rows show the least W2; a row showing more is not flagged.
  for (const [i, flagged] of bestFlags.entries()) expect(flagged ? w2s[i] === least : w2s[i] >= least).toBe(true);
  for (const [i, w2] of w2s.entries()) if (w2 > least) expect(bestFlags[i]).toBe(false);
  // 3 CLOT steps are far below the default: the table says its scores understate the method.
  await expect(page.getByTestId('eval-short-clot')).toContainText('fewer steps than its default (150)');
  // Trained on the two end anchors, the full method draws McCann's straight lines, and the table says why they tie.
  expect(await panel.number('full', 2)).toBe(await panel.number('mccann', 2));
  await expect(page.getByTestId('eval-straight-clot')).toContainText('At λ = 0.5 CLOT scores exactly as McCann');
  await expect(panel.curve.locator('polyline')).toHaveCount(5);
  await testInfo.attach('evaluation-panel', { body: await panel.root.screenshot(), contentType: 'image/png' });
  // The user's model is untouched.
  expect(await app.stepCount()).toBe(steps);
  expect(await app.checksum()).toBe(before);
  expect(app.errors).toEqual([]);
});

test('a baseline overlay is drawn next to the surrogate and follows the slider', async ({ page }, testInfo) => {
  const app = await new ExplorerPage(page).open();
  const overlay = app.control("Overlay a baseline's samples");
  await overlay.selectOption('mccann');
  await expect.poll(() => app.overlayMethod(), { timeout: 60_000 }).toBe('mccann');
  await expect(page.getByTestId('overlay-status')).toContainText('shown as dark rings');
  // The legend's ring is drawn in the rings' colour (dark on the light theme), not the text colour.
  const key = app.card('output').locator('svg circle[fill="none"]');
  await expect(key).toHaveCount(1);
  const stroke = await key.getAttribute('stroke');
  expect(stroke).toMatch(/^rgba\(20,\s*24,\s*32,\s*0\.\d+\)$/);
  expect(Number(/([\d.]+)\)$/.exec(stroke!)![1])).toBeGreaterThanOrEqual(0.6);
  const first = await app.overlayChecksum();
  await app.slider.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(() => app.overlayChecksum()).not.toBe(first);
  await testInfo.attach('overlay-mccann', { body: await app.card('output').screenshot(), contentType: 'image/png' });
  await overlay.selectOption('');
  await expect.poll(() => app.overlayMethod()).toBe('');
  expect(app.errors).toEqual([]);
});

test('a network baseline overlay shows its progress, another choice never waits behind it, and one built before comes back at once', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const overlay = app.control("Overlay a baseline's samples");
  const status = page.getByTestId('overlay-status');
  await overlay.selectOption('cfm');
  await expect(status).toContainText(/building… \d+ %/, { timeout: 30_000 });
  // McCann while flow matching still trains: the flow matching build stops, so McCann is drawn in seconds.
  await overlay.selectOption('mccann');
  await expect(status).toContainText('shown as', { timeout: 5_000 });
  await expect.poll(() => app.overlayMethod()).toBe('mccann');
  // Flow matching again, built to the end this time.
  await overlay.selectOption('cfm');
  await expect(status).toContainText('building…');
  await expect(status).toContainText('shown as', { timeout: 120_000 });
  await expect.poll(() => app.overlayMethod()).toBe('cfm');
  const cfm = await app.overlayChecksum();
  // Away and back: no second build, the same samples.
  await overlay.selectOption('nearest');
  await expect(status).toContainText('shown as', { timeout: 5_000 });
  await overlay.selectOption('cfm');
  await expect.poll(() => app.overlayMethod(), { timeout: 1_500 }).toBe('cfm');
  await expect(status).toContainText('shown as');
  await expect.poll(() => app.overlayChecksum()).toBe(cfm);
  expect(app.errors).toEqual([]);
});

test('switching dataset during an evaluation stops it and shows nothing from the old data', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const panel = new EvaluationPanel(page);
  // One flow-matching run of a few seconds: without the stop its row would land after the switch.
  for (const m of [/CLOT K_θ − U/, /Nearest anchor/, /McCann/, /Direct regression/]) await panel.method(m).uncheck();
  await panel.setSteps(null, 600);
  await panel.run();
  await expect(panel.status).toContainText(/Conditional flow matching, holding out λ = 0\.5: step \d+\/600/);
  await app.choosePreset('dropout-moons');
  await expect(panel.status).toHaveCount(0);
  await expect(panel.runButton).toBeEnabled();
  // It says so, rather than vanishing.
  await expect(page.getByTestId('eval-stopped')).toContainText('Evaluation stopped: the dataset changed while it ran');
  // Long enough for the old run to have finished had it gone on; nothing of it may appear.
  await page.waitForTimeout(8000);
  await expect(panel.table).toHaveCount(0);
  // A new run clears the note.
  await panel.run();
  await expect(page.getByTestId('eval-stopped')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

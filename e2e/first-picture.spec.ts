import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

test('pressing Train on an untrained model shows straight-line transport within 10 s, labelled as such', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await app.reset();
  await expect(app.trainState).toHaveAttribute('data-state', 'untrained');
  const before = await app.checksum();
  const started = Date.now();
  await app.train();
  // The coupled solver couples the anchors before any network trains: the picture changes at once, and says what it is.
  await expect(app.trainState).toContainText('straight-line optimal transport', { timeout: 10_000 });
  await expect.poll(() => app.checksum(), { timeout: 10_000 }).not.toBe(before);
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(app.card('output').getByTestId('untrained-note')).toContainText('straight-line optimal transport between the anchors');
  await app.pause();
  expect(app.errors).toEqual([]);
});

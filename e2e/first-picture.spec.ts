import { expect, test } from '@playwright/test';
import { checksum, openApp } from './helpers';

test('pressing Train on an untrained model shows straight-line transport within 10 s, labelled as such', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  const state = page.getByTestId('train-state');
  await expect(state).toHaveAttribute('data-state', 'untrained');
  const before = await checksum(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The coupled solver couples the anchors before any network trains: the picture changes at once, and says what it is.
  await expect(state).toContainText('straight-line optimal transport', { timeout: 10_000 });
  await expect.poll(() => checksum(page), { timeout: 10_000 }).not.toBe(before);
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.locator('#output').getByTestId('untrained-note')).toContainText('straight-line optimal transport between the anchors');
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

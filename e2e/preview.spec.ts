import { expect, test } from '@playwright/test';

test('the page opens on the built-in semicircles anchors', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Hyperparameter trajectory inference' })).toBeVisible();
  const plot = page.getByTestId('anchor-plot');
  await expect(plot).toBeVisible();
  // 3 anchors × 4 classes × 100 samples.
  await expect(plot.locator('circle')).toHaveCount(1200);
  await expect(page.getByText('Anchors at t = 0, 0.5, 1')).toBeVisible();
  await testInfo.attach('preview', { body: await page.screenshot(), contentType: 'image/png' });
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

test('a failed metric and potential refresh is shown and never freezes the views: the next one draws', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.metricView).toHaveAttribute('data-class', '0');
  const geometryClass = app.control('Class whose metric and potential are shown');
  await app.injectFailure('fields');
  await geometryClass.selectOption('1');
  // The call failed: its error is shown, and the views keep the grids they had.
  await expect(page.getByTestId('fields-error').first()).toContainText('could not draw the metric and potential: injected failure (test hook)');
  await expect(app.metricView).toHaveAttribute('data-class', '0');
  await expect(app.metricView.locator('ellipse')).toHaveCount(169);
  // The next refresh is not blocked by the failed one.
  await geometryClass.selectOption('0');
  await geometryClass.selectOption('1');
  await expect(app.metricView).toHaveAttribute('data-class', '1');
  await expect(page.getByTestId('fields-error')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

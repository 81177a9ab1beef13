import { expect, test, type Page } from '@playwright/test';
import type { DebugMessage, InjectedFailure } from '../src/app/worker/protocol';
import { openApp } from './helpers';

/** Posts the training worker's test-only entry point (DebugMessage) inside the worker. */
async function inject(page: Page, kind: InjectedFailure) {
  const worker = page.workers().find((w) => /training\.worker/.test(w.url()));
  if (!worker) throw new Error('no training worker');
  const msg: DebugMessage = { type: 'debug-inject-failure', kind };
  await worker.evaluate((data) => self.dispatchEvent(new MessageEvent('message', { data })), msg);
}

test('a failed metric and potential refresh is shown and never freezes the views: the next one draws', async ({ page }) => {
  await openApp(page);
  const metric = page.getByTestId('metric-view');
  await expect(metric).toHaveAttribute('data-class', '0');
  const geometryClass = page.getByLabel('Class whose metric and potential are shown');
  await inject(page, 'fields');
  await geometryClass.selectOption('1');
  // The call failed: its error is shown, and the views keep the grids they had.
  await expect(page.getByTestId('fields-error').first()).toContainText('could not draw the metric and potential: injected failure (test hook)');
  await expect(metric).toHaveAttribute('data-class', '0');
  await expect(metric.locator('ellipse')).toHaveCount(169);
  // The next refresh is not blocked by the failed one.
  await geometryClass.selectOption('0');
  await geometryClass.selectOption('1');
  await expect(metric).toHaveAttribute('data-class', '1');
  await expect(page.getByTestId('fields-error')).toHaveCount(0);
});

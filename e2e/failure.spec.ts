import { expect, test, type Page } from '@playwright/test';
import type { DebugMessage, InjectedFailure } from '../src/app/worker/protocol';
import { checksum, openApp, stepCount } from './helpers';

/**
 * Sends the worker's test-only entry point (DebugMessage, see protocol.ts): the UI never
 * sends it, so the message is dispatched inside the training worker itself.
 */
async function injectFailure(page: Page, kind: InjectedFailure) {
  const worker = page.workers().find((w) => /training\.worker/.test(w.url()));
  if (!worker) throw new Error(`no training worker among ${page.workers().map((w) => w.url()).join(', ')}`);
  const msg: DebugMessage = { type: 'debug-inject-failure', kind };
  await worker.evaluate((data) => self.dispatchEvent(new MessageEvent('message', { data })), msg);
}

const finite = /^-?\d+$/;

test('a NaN during training stops it with a message, keeps the last good model, and training resumes on another backend', async ({ page }) => {
  test.setTimeout(360_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('step-counter')).toContainText('Step 0 /');
  await page.getByRole('button', { name: 'Train' }).click();
  // Past the first checkpoint (every 25 steps), so the last good model is a trained one.
  await expect.poll(() => stepCount(page), { timeout: 180_000 }).toBeGreaterThan(25);

  await injectFailure(page, 'nan');
  const state = page.getByTestId('train-state');
  await expect(state).toContainText('State: failed');
  await expect(state).toContainText(/training diverged at step \d+ \(loss is not a number\); training stopped, the last good model \(step \d+\) is kept/);
  const kept = Number(/last good model \(step (\d+)\)/.exec((await state.textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThanOrEqual(25);

  // Training has stopped, at the kept model's step.
  await expect.poll(() => stepCount(page)).toBe(kept);
  await page.waitForTimeout(1500);
  expect(await stepCount(page)).toBe(kept);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeDisabled();

  // The kept model still drives the slider: finite samples that move with λ.
  await expect(page.getByTestId('output-view')).toHaveAttribute('data-checksum', finite);
  const before = await checksum(page);
  const slider = page.getByRole('slider', { name: /λ/ });
  await slider.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(() => checksum(page)).not.toBe(before);
  expect(await checksum(page)).toMatch(finite);

  // Resume on another backend: the kept model carries over and trains on.
  await page.getByLabel('Backend').selectOption('cpu');
  await expect(page.getByTestId('backend-readout')).toContainText('Backend: cpu — chosen by you');
  // Carried over as the trained model it is (the worker's idle 'ready' with steps is shown as "trained N steps").
  await expect(state).toContainText(`State: trained ${kept} steps`);
  expect(await stepCount(page)).toBe(kept);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => stepCount(page), { timeout: 240_000 }).toBeGreaterThanOrEqual(kept + 2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(state).toContainText('State: paused');
  await expect(page.getByTestId('output-view')).toHaveAttribute('data-checksum', finite);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

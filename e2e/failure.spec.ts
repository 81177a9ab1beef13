import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

const finite = /^-?\d+$/;

test('a NaN during training stops it with a message, keeps the last good model, and training resumes on another backend', async ({ page }) => {
  test.setTimeout(360_000);
  const app = await new ExplorerPage(page).open();
  await app.reset();
  await expect(app.stepCounter).toContainText('Step 0 /');
  await app.train();
  // Past the first checkpoint (every 25 steps), so the last good model is a trained one.
  await expect.poll(() => app.stepCount(), { timeout: 180_000 }).toBeGreaterThan(25);

  await app.injectFailure('nan');
  const state = app.trainState;
  await expect(state).toContainText('State: failed');
  await expect(state).toContainText(/training diverged at step \d+ \(loss is not a number\); training stopped, the last good model \(step \d+\) is kept/);
  const kept = Number(/last good model \(step (\d+)\)/.exec((await state.textContent()) ?? '')?.[1]);
  expect(kept).toBeGreaterThanOrEqual(25);

  // Training has stopped, at the kept model's step.
  await expect.poll(() => app.stepCount()).toBe(kept);
  await page.waitForTimeout(1500);
  expect(await app.stepCount()).toBe(kept);
  await expect(app.button('Pause')).toBeDisabled();

  // The kept model still drives the slider: finite samples that move with λ.
  await expect.poll(() => app.checksum()).toMatch(finite);
  const before = await app.checksum();
  await app.slider.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(() => app.checksum()).not.toBe(before);
  expect(await app.checksum()).toMatch(finite);

  // Resume on another backend: the kept model carries over and trains on.
  await app.control('Backend').selectOption('cpu');
  await expect(app.backendReadout).toContainText('Backend: cpu — chosen by you');
  // Carried over as the trained model it is (the worker's idle 'ready' with steps is shown as "trained N steps").
  await expect(state).toContainText(`State: trained ${kept} steps`);
  expect(await app.stepCount()).toBe(kept);
  await app.train();
  await expect.poll(() => app.stepCount(), { timeout: 240_000 }).toBeGreaterThanOrEqual(kept + 2);
  await app.pause();
  await expect(state).toContainText('State: paused');
  await expect.poll(() => app.checksum()).toMatch(finite);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

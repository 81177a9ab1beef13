import { expect, type Page, type TestInfo } from '@playwright/test';

/** Opens the app and waits until the surrogate is drawn (pretrained model loaded). */
export async function openApp(page: Page, query = '') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await expect(page.getByTestId('backend-readout')).toContainText(/Backend: (wasm|webgpu|webgl|cpu)/, { timeout: 60_000 });
  await expect(page.getByTestId('output-view')).toHaveAttribute('data-checksum', /-?\d+/, { timeout: 60_000 });
  return errors;
}

export async function checksum(page: Page): Promise<string> {
  return (await page.getByTestId('output-view').getAttribute('data-checksum')) ?? '';
}

export async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('step-counter').textContent()) ?? '';
  return Number(/Step (\d+)/.exec(text)?.[1] ?? NaN);
}

export async function attachViews(page: Page, testInfo: TestInfo, prefix: string) {
  for (const id of ['output', 'geodesics', 'metric', 'potential']) {
    await testInfo.attach(`${prefix}-${id}`, { body: await page.locator(`#${id}`).screenshot(), contentType: 'image/png' });
  }
}

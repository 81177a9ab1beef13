import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

/** Relative luminance-ish brightness of an sRGB colour, 0 (black) to 1 (white); enough to tell dark from light. */
const brightness = ([r, g, b]: number[]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

/** The top-left pixel (RGBA) of a PNG, decoded by the page's own image decoder. */
async function cornerPixel(page: Page, png: Buffer): Promise<number[]> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(1, 1, 1, 1).data);
  }, png.toString('base64'));
}

test('follows a dark system scheme; the toggle switches to light, survives a reload and back to system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = await new ExplorerPage(page).open();
  await expect(app.themeOption('System')).toBeChecked();
  expect(brightness(await app.pageBackground())).toBeLessThan(0.2);
  // The panels follow too (no white boxes).
  const cardBackground = () => app.card('output').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(brightness((await cardBackground()).match(/\d+/g)!.map(Number))).toBeLessThan(0.2);

  await app.themeOption('Light').check();
  expect(brightness(await app.pageBackground())).toBeGreaterThan(0.8);
  await page.reload();
  await expect(app.themeOption('Light')).toBeChecked();
  expect(brightness(await app.pageBackground())).toBeGreaterThan(0.8);

  await app.themeOption('System').check();
  expect(brightness(await app.pageBackground())).toBeLessThan(0.2);
  expect(app.errors).toEqual([]);
});

test('an exported PNG has an opaque background in the chosen theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = await new ExplorerPage(page).open();
  const exportPng = async () => {
    const download = page.waitForEvent('download');
    await app.card('output').getByRole('button', { name: /as PNG/ }).click();
    return cornerPixel(page, readFileSync((await (await download).path())!));
  };
  const dark = await exportPng();
  expect(dark[3]).toBe(255);
  expect(brightness(dark)).toBeLessThan(0.2);
  await app.themeOption('Light').check();
  const light = await exportPng();
  expect(light[3]).toBe(255);
  expect(brightness(light)).toBeGreaterThan(0.8);
});

test('? opens the list of shortcuts as a modal dialog; Escape closes it and focus returns', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await page.keyboard.press('?');
  const dialog = app.shortcutsDialog;
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  for (const text of ['Train, or pause', 'One training step', 'λ sweep', 'next anchor', 'previous anchor', 'next view', 'Straight-line paths']) {
    await expect(dialog).toContainText(text);
  }
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The same list from the button, for mouse users; focus goes back to the button.
  await app.shortcutsButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.shortcutsButton).toBeFocused();
  expect(app.errors).toEqual([]);
});

test('shortcuts step the model, move λ between anchors and toggle the sweep, straight paths and the shown view', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toContainText('trained');
  const steps = await app.stepCount();
  await page.keyboard.press('s');
  await expect.poll(() => app.stepCount(), { timeout: 60_000 }).toBe(steps + 1);

  // Semicircles: anchors at 0, 0.5 and 1; the slider opens at 0.25.
  expect(await app.lambda()).toBe(0.25);
  await page.keyboard.press(']');
  await expect.poll(() => app.lambda()).toBe(0.5);
  await page.keyboard.press(']');
  await expect.poll(() => app.lambda()).toBe(1);
  await page.keyboard.press('[');
  await expect.poll(() => app.lambda()).toBe(0.5);

  const straight = page.getByRole('checkbox', { name: /straight-line paths/ });
  await page.keyboard.press('l');
  await expect(straight).toBeChecked();
  await page.keyboard.press('l');
  await expect(straight).not.toBeChecked();

  await page.keyboard.press('v');
  await expect(app.card('output')).toBeFocused();
  await page.keyboard.press('v');
  await expect(app.card('geodesics')).toBeFocused();

  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Stop sweeping λ' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Sweep λ' })).toHaveAttribute('aria-pressed', 'false');
  expect(app.errors).toEqual([]);
});

test('shortcuts do nothing while typing in a number field', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toContainText('trained');
  const steps = await app.stepCount();
  const lambda = await app.lambda();
  await app.control('Iterations').focus();
  for (const key of ['s', ']', 't', '?']) await page.keyboard.press(key);
  await page.waitForTimeout(1500);
  expect(await app.stepCount()).toBe(steps);
  expect(await app.lambda()).toBe(lambda);
  await expect(app.trainState).toContainText('trained');
  await expect(app.shortcutsDialog).toBeHidden();
  await expect(app.control('Iterations')).toBeFocused();
  expect(app.errors).toEqual([]);
});

test('tabbing onto a file input rings its visible label (the input itself is invisible)', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const input = page.getByLabel('Upload anchor data');
  const ring = () => input.evaluate((el) => getComputedStyle(el.closest('label')!).outlineStyle);
  expect(await ring()).toBe('none');
  // Tab from the element before it, as a keyboard user arrives.
  await input.evaluate((el) => {
    const all = [...document.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]')].filter((e) => e.getClientRects().length > 0 || e === el);
    all[all.indexOf(el as HTMLElement) - 1].focus();
  });
  await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  expect(await ring()).toBe('solid');
  expect(app.errors).toEqual([]);
});

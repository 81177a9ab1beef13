import { expect, type Locator, test } from '@playwright/test';
import { anchorCsv, ExplorerPage } from './pages/explorer';

const SQUARE_VIEWS = ['output', 'geodesics', 'metric', 'potential'];

/** The visible labels of an SVG axis's ticks (d3-axis: `.tick text`). */
async function tickLabels(axis: Locator): Promise<string[]> {
  return (await axis.locator('.tick text').allTextContents()).map((t) => t.trim()).filter(Boolean);
}

test('every view has SVG axes with labelled ticks and its legend; exports keep them', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  for (const id of SQUARE_VIEWS) {
    const card = app.card(id);
    for (const orient of ['bottom', 'left']) {
      const axis = card.locator(`svg .axis-${orient}`).first();
      await expect(axis.locator('.tick text').first()).toBeVisible();
      const labels = await tickLabels(axis);
      expect(labels.length, `${id} ${orient} ticks`).toBeGreaterThanOrEqual(3);
      // Numbers for people: a few digits, never 0.30000000000000004.
      for (const l of labels) expect(l, `${id} tick`).toMatch(/^−?\d{1,4}(\.\d{1,3})?$/);
    }
    // Titled with the output dims' names.
    await expect(card.locator('svg .axis-title')).toHaveText(['y0', 'y1']);
  }
  // The views share one frame: the same ticks on each.
  const reference = await tickLabels(app.card('output').locator('svg .axis-bottom'));
  for (const id of SQUARE_VIEWS.slice(1)) expect(await tickLabels(app.card(id).locator('svg .axis-bottom').first())).toEqual(reference);

  // Semicircles have classes: each is named beside its colour on the outputs and the geodesics.
  const classes = await app.control('Class whose metric and potential are shown').locator('option').allTextContents();
  expect(classes.length).toBeGreaterThanOrEqual(2);
  for (const id of ['output', 'geodesics']) {
    const legend = app.card(id).getByTestId('class-legend');
    await expect(legend.locator('.legend-item')).toHaveCount(classes.length);
    await expect(legend.locator('.legend-item text')).toHaveText(classes.map((v) => `class ${v}`));
    await expect(legend.locator('.legend-item circle').first()).toHaveAttribute('fill', /^#[0-9a-f]{6}$/);
  }
  // The metric view draws the class's data under its ellipses.
  await expect(app.metricView.locator('[data-layer="anchor-samples"]')).toHaveAttribute('d', /^M/);

  // The potential's colour bar: a gradient with its values, and the caption names the class shown.
  const bar = app.card('potential').getByTestId('potential-legend');
  await expect(bar).toContainText('dense: cheap');
  await expect(bar.locator('rect[fill^="url(#"]')).toHaveCount(1);
  expect((await tickLabels(bar.locator('.axis-bottom'))).length).toBeGreaterThanOrEqual(2);
  await expect(app.card('potential').locator('figcaption')).toContainText(`of class ${classes[0]}`);

  // The outputs' label carries λ for people.
  await expect(app.outputView).toHaveAttribute('aria-label', /^Surrogate outputs at λ = \d(\.\d{1,2})?$/);

  // Exports stack the canvas, the axes and the legend into one figure.
  const svgDownload = page.waitForEvent('download');
  await app.button('Export Outputs at λ as SVG').click();
  const svgText = await (await svgDownload).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  // The canvas's samples as vector circles (exports.spec.ts checks them further).
  expect(svgText).toContain('<circle');
  expect(svgText).not.toContain('<image');
  expect(svgText).toContain('class="tick"');
  expect(svgText).toContain('class 0');
  const pngDownload = page.waitForEvent('download');
  await app.button('Export Potential U as PNG').click();
  expect((await pngDownload).suggestedFilename()).toMatch(/\.png$/);
  expect(app.errors).toEqual([]);
});

test('moving λ redraws the samples, never the axes or legends', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // Count every DOM change under the views' axes and legends while λ moves.
  await page.evaluate(() => {
    const w = window as unknown as { __axisMutations: number };
    w.__axisMutations = 0;
    const observer = new MutationObserver((records) => (w.__axisMutations += records.length));
    for (const el of document.querySelectorAll('.view-card .axes, .view-card .legend')) observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const before = await app.checksum();
  await app.slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => app.checksum()).not.toBe(before);
  const mutations = () => page.evaluate(() => (window as unknown as { __axisMutations: number }).__axisMutations);
  expect(await mutations()).toBe(0);
  // The observer does see legend changes: hiding a class fades its entry.
  await page.getByRole('checkbox', { name: 'class 0', exact: true }).uncheck();
  await expect.poll(mutations).toBeGreaterThan(0);
});

test('the loss chart has axes and shows each curve’s current value', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const axes = page.getByTestId('loss-axes');
  // Before any step of this run: the step axis only, and the pretrained model's steps have no curves here.
  expect((await tickLabels(axes.locator('.axis-steps'))).length).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('loss-readout')).toHaveText('no curves for the steps this model came with: they are drawn for the steps trained here');
  // A small Euclidean problem trains in a few seconds.
  await app.control('Variant').selectOption('euclidean');
  await app.upload('tiny.csv', anchorCsv([0, 1], 12, 2));
  await expect(app.dataSummary).toContainText('tiny.csv: 2 anchors');
  await expect(page.getByTestId('loss-readout')).toHaveText('no curves yet: they are drawn while the model trains');
  await expect(app.button('Step')).toBeEnabled();
  await app.step();
  await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBe(1);
  await app.step();
  await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBe(2);
  for (const key of ['dual', 'residual', 'energy']) {
    await expect(page.getByTestId(`loss-value-${key}`)).toHaveText(/^−?\d/);
    expect((await tickLabels(axes.locator(`[data-series="${key}"] .axis-left`))).length, `${key} ticks`).toBeGreaterThanOrEqual(2);
  }
  // Data without classes or conditions: axes, no class legend entries.
  await expect(app.card('output').locator('svg .axis-bottom .tick text').first()).toBeVisible();
  await expect(app.card('output').locator('.legend-item')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('one output dim: the views plot it against the input, or against a column per class, never against itself', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // A regression network's prediction y0 at inputs c0 in [−1, 1], steeper as λ grows.
  const rows = ['lambda,y0,c0'];
  for (const l of [0, 1, 2]) for (let i = 0; i < 60; i++) rows.push(`${l},${((1 + l) * (-1 + i / 30) + 0.02 * ((i * 7) % 5)).toFixed(3)},${(-1 + i / 30).toFixed(3)}`);
  await app.upload('regression-1d.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('regression-1d.csv');
  await app.trainBriefly();
  for (const id of SQUARE_VIEWS) await expect(app.card(id).locator('svg .axis-title')).toHaveText(['c0 (input)', 'y0']);
  // The input axis spans the inputs (−1 … 1), the output axis the outputs (−3 … 3).
  const across = (await tickLabels(app.card('output').locator('svg .axis-bottom'))).map((t) => Number(t.replace('−', '-')));
  const up = (await tickLabels(app.card('output').locator('svg .axis-left'))).map((t) => Number(t.replace('−', '-')));
  expect(Math.max(...across)).toBeLessThanOrEqual(1.2);
  expect(Math.max(...up)).toBeGreaterThanOrEqual(2);
  // Each path runs up its own input: its x does not change along it.
  const path = await app.geodesicView.locator('polyline[data-layer="geodesic"]').first().getAttribute('points');
  const xs = new Set(path!.split(' ').map((p) => p.split(',')[0]));
  expect(xs.size).toBe(1);

  // Classes without an input: a strip per class, named on the axis, each class's samples in its column.
  const strip = ['lambda,y0,class'];
  for (const l of [0, 1]) for (let i = 0; i < 40; i++) strip.push(`${l},${(l * (i % 2 ? 2 : -1) + 0.05 * (i % 7)).toFixed(3)},${i % 2 ? 'dog' : 'cat'}`);
  await app.upload('classes-1d.csv', strip.join('\n'));
  await expect(app.dataSummary).toContainText('classes-1d.csv');
  await app.trainBriefly();
  await expect(app.card('output').locator('svg .axis-title').first()).toHaveText(/^class/);
  expect(await tickLabels(app.card('output').locator('svg .axis-bottom'))).toEqual(['cat', 'dog']);
  const markers = app.geodesicView.locator('circle[r="3"]');
  const cx = await markers.evaluateAll((cs) => cs.map((c) => ({ x: Number(c.getAttribute('cx')), fill: c.getAttribute('fill') })));
  const fills = [...new Set(cx.map((c) => c.fill))];
  expect(fills.length).toBe(2);
  const [left, right] = fills.map((f) => cx.filter((c) => c.fill === f).map((c) => c.x));
  // One class wholly left of the other.
  expect(Math.max(...left) < Math.min(...right) || Math.max(...right) < Math.min(...left)).toBe(true);
  expect(app.errors).toEqual([]);
});

test('more than ten classes: each its own colour, and every legend entry inside its strip', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const classes = 12;
  const rows = ['lambda,y0,y1,class'];
  for (const l of [0, 0.5, 1])
    for (let k = 0; k < classes; k++)
      for (let i = 0; i < 12; i++) {
        const a = (2 * Math.PI * k) / classes + l;
        rows.push(`${l},${(3 * Math.cos(a) + 0.02 * i).toFixed(3)},${(3 * Math.sin(a) - 0.02 * i).toFixed(3)},${k}`);
      }
  await app.upload('twelve.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('twelve.csv');
  await app.trainBriefly();
  // Twelve colours in "Classes shown" and on the geodesics' markers (Tableau 10 would draw class 10 as class 0).
  const swatches = await page.locator('.view-options .swatch').evaluateAll((s) => s.map((el) => getComputedStyle(el).backgroundColor));
  expect(swatches).toHaveLength(classes);
  expect(new Set(swatches).size).toBe(classes);
  // Twelve checkboxes fold into one line until opened; hiding a class counts down.
  const list = page.locator('.view-options details.class-list');
  await expect(list.locator('summary')).toHaveText('Classes shown: 12 of 12');
  await list.locator('summary').click();
  await expect(list.getByRole('checkbox')).toHaveCount(classes);
  await list.getByRole('checkbox').nth(11).uncheck();
  await expect(list.locator('summary')).toHaveText('Classes shown: 11 of 12');
  await list.getByRole('checkbox').nth(11).check();
  const fills = await app.geodesicView.locator('circle[r="3"]').evaluateAll((cs) => cs.map((c) => c.getAttribute('fill')));
  expect(new Set(fills).size).toBe(classes);
  for (const id of ['output', 'geodesics']) {
    const card = app.card(id);
    const svg = (await card.locator('svg').first().boundingBox())!;
    const items = card.getByTestId('class-legend').locator('.legend-item');
    // Every class is in the legend, by name or in a "+N more", and no entry is cut off at the figure's foot.
    const texts = await items.locator('text').allTextContents();
    const more = texts.find((t) => t.startsWith('+'));
    expect(texts.filter((t) => !t.startsWith('+')).length + (more ? Number(more.slice(1, more.indexOf(' '))) : 0)).toBe(classes);
    for (const item of await items.all()) {
      const box = (await item.boundingBox())!;
      expect(box.y + box.height, await item.textContent() ?? '').toBeLessThanOrEqual(svg.y + svg.height + 0.5);
    }
  }
  expect(app.errors).toEqual([]);
});

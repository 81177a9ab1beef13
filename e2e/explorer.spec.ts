import { expect, test } from '@playwright/test';
import { classPaces, shrinkingCloud } from '../src/core/datasets/families';
import { anchorCsv, ExplorerPage, familyCsv, gridBlobCsv } from './pages/explorer';

test('opens with the pretrained model, names its backend, and draws every view', async ({ page }, testInfo) => {
  const app = await new ExplorerPage(page).open();
  // wasm where WebGPU has only a software adapter (or none); WebGPU on a real GPU.
  await expect(app.backendReadout).toContainText(/wasm — .*(software only|no WebGPU adapter|this browser has no WebGPU)|webgpu — /);
  if (/wasm/.test((await app.backendReadout.textContent()) ?? '')) {
    // The page is cross-origin isolated, so wasm may run threaded: tfjs takes a thread per two logical cores.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(app.backendReadout).toContainText(cores >= 4 ? /; threaded \(\d+ threads\)/ : `; single-threaded (tfjs runs a thread per two logical cores; ${cores} here)`);
  }
  expect(await app.stepCount()).toBeGreaterThan(0);
  await expect(app.dataSummary).toContainText('semicircles: 3 anchors at λ = 0, 0.5, 1');
  await expect(app.dataSummary).toContainText('Samples: λ = 0: 400, λ = 0.5: 400, λ = 1: 400; per class 100');
  await expect(app.geodesicView.locator('polyline[data-layer="geodesic"]')).not.toHaveCount(0);
  await expect(app.metricView.locator('ellipse')).toHaveCount(169);
  await expect(page.getByTestId('potential-legend')).toContainText('dense: cheap');
  await expect(page.getByTestId('perf-readout')).toContainText(/Slider update: \d+\.\d ms/);
  // Every part of the full method is in force here (a learned metric, a potential), so nothing qualifies its name.
  await expect(page.getByTestId('variant-note')).toHaveCount(0);
  // The readout says λ, as every card does, and what λ is for this dataset.
  await expect(page.locator('output.lambda-value')).toContainText('λ = 0.25');
  await expect(page.getByTestId('lambda-name')).toHaveText('t');
  await app.attachViews(testInfo, 'pretrained');
  // Views export as PNG and SVG.
  for (const [view, format] of [['Outputs at λ', 'PNG'], ['Geodesics', 'SVG'], ['Metric field', 'PNG'], ['Potential U', 'SVG']]) {
    const download = page.waitForEvent('download');
    await app.button(`Export ${view} as ${format}`).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
  }
  expect(app.errors).toEqual([]);
});

test('a link carries preset, variant, seed and λ', async ({ page }) => {
  const app = await new ExplorerPage(page).open('?preset=dropout-moons&variant=euclidean&seed=3&lambda=0.3');
  await expect(app.dataSummary).toContainText('dropout-moons: 3 anchors at λ = 0, 0.5, 0.9');
  await expect(app.control('Variant')).toHaveValue('euclidean');
  await expect(app.control('Seed')).toHaveValue('3');
  await expect(app.slider).toHaveAttribute('aria-valuetext', 'dropout p = 0.3');
  await expect(page.getByTestId('lambda-name')).toHaveText('dropout p');
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  // K_I names no metric and no potential: nothing for 'auto' to drop.
  await expect(page.getByTestId('variant-note')).toHaveCount(0);
});

test("where 'auto' drops the full method's metric and potential, the Variant box says what the model runs as", async ({ page }) => {
  const app = await new ExplorerPage(page).open('?preset=dropout-moons');
  await expect(app.control('Variant')).toHaveValue('full');
  await expect(page.getByTestId('variant-note')).toHaveText(
    "Runs as: metric held at G = I, no potential (α auto = 0); paths are straight lines. The Metric and Potential cards say why.",
  );
  await expect(page.getByTestId('metric-held')).toContainText('Metric held at G = I, so paths are straight lines');
  expect(app.errors).toEqual([]);
});

test('a link with values that cannot be used says which, and what is used instead; the address bar then shows what is in effect', async ({ page }) => {
  const app = await new ExplorerPage(page).open('?seed=-1&variant=bogus&lambda=5&alpha=0.2');
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('variant=bogus is not one of full, metric');
  await expect(notice).toContainText('seed=-1 is not a whole number from 0 to 2,147,483,647 (using 0)');
  await expect(notice).toContainText("lambda=5 is outside the anchors' range [0, 1] (using 0.25)");
  // The valid part of the link holds.
  await expect(app.control('Potential weight α')).toHaveValue('0.2');
  await expect(app.control('Seed')).toHaveValue('0');
  await expect.poll(() => new URL(page.url()).search).toBe('?lambda=0.25&alpha=0.2');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Other data replaces what a link opened, and its notice with it.
  await app.open('?lambda=5');
  await expect(notice).toContainText('lambda=5 is outside');
  await app.upload('other.csv', ['lambda,y0,y1', ...[0, 1].flatMap((l) => Array.from({ length: 12 }, (_, i) => `${l},${l + 0.1 * i},${0.05 * i}`))].join('\n'));
  await expect(app.dataSummary).toContainText('other.csv');
  await expect(notice).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('the λ slider is accessible, snaps to anchors by keyboard, jumps between them, and moving it changes the plotted samples', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const slider = app.slider;
  await expect(slider).toHaveAttribute('aria-valuetext', /t = 0\.25/);
  const before = await app.checksum();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '0.26');
  await expect.poll(() => app.checksum()).not.toBe(before);
  // Page Up jumps to the next anchor; arrows snap onto an anchor they would cross.
  await page.keyboard.press('PageUp');
  await expect(slider).toHaveAttribute('aria-valuetext', 't = 0.5 (anchor)');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', '0.49');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '0.5');
  await page.keyboard.press('PageDown');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  // Each anchor is labelled on the track and clickable.
  await page.getByRole('button', { name: 'Go to anchor t = 1' }).click();
  await expect(slider).toHaveAttribute('aria-valuetext', 't = 1 (anchor)');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', 't = 1 (anchor)');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  // The URL carries λ so a link reproduces the view.
  await expect.poll(() => page.url()).toContain('lambda=0');
});

test('the slider is named after the knob; log-spaced anchors get a log track, and anchors too close to label leave out their labels, not their stops', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(page.getByRole('slider', { name: 'Hyperparameter t' })).toBeVisible();
  const cloud = (lambdas: number[]) => ['lambda,y0,y1', ...lambdas.flatMap((l, k) => Array.from({ length: 20 }, (_, i) => `${l},${(k + 0.05 * i).toFixed(2)},${(0.03 * i).toFixed(2)}`))].join('\n');
  const slider = app.slider;
  const track = page.locator('#lambda-control .track');
  const labelAt = async (name: string) => {
    const [t, l] = [(await track.boundingBox())!, (await page.getByRole('button', { name }).boundingBox())!];
    return (l.x + l.width / 2 - t.x) / t.width;
  };

  // A weight decay at 0.001, 0.01, 0.1: the middle anchor halfway along, and arrows step by ratios.
  await app.upload('decay.csv', cloud([0.001, 0.01, 0.1]));
  await expect(app.dataSummary).toContainText('decay.csv');
  await expect(page.locator('#lambda-control')).toHaveAttribute('data-scale', 'log');
  await expect(page.locator('#lambda-control')).toContainText('log scale');
  expect(await labelAt('Go to anchor λ = 0.01')).toBeCloseTo(0.5, 1);
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 'λ = 0.00105');
  await expect(slider).toHaveAccessibleDescription(/log scale/);
  await page.keyboard.press('PageUp');
  await expect(slider).toHaveAttribute('aria-valuetext', 'λ = 0.01 (anchor)');

  // Anchors 0, 0.001, 0.002, 0.5, 1: one label near 0, its title names the other two, and Page Up stops at each.
  await app.upload('close.csv', cloud([0, 0.001, 0.002, 0.5, 1]));
  await expect(app.dataSummary).toContainText('close.csv');
  await expect(page.locator('#lambda-control')).toHaveAttribute('data-scale', 'linear');
  await expect(page.locator('#lambda-control .anchor-tick')).toHaveCount(5);
  await expect(page.locator('#lambda-control .anchor-label:not(.crowded)')).toHaveText(['0', '0.5', '1']);
  await expect(page.getByRole('button', { name: 'Go to anchor λ = 0', exact: true })).toHaveAttribute('title', /Also anchors 0\.001, 0\.002 close by/);
  // The two left out are still buttons (keyboard, screen readers), seen only while focused.
  const crowded = page.getByRole('button', { name: 'Go to anchor λ = 0.001', exact: true });
  expect((await crowded.boundingBox())!.width).toBeLessThanOrEqual(1);
  await crowded.focus();
  expect((await crowded.boundingBox())!.width).toBeGreaterThan(10);
  await page.keyboard.press('Enter');
  await expect(slider).toHaveAttribute('aria-valuetext', 'λ = 0.001 (anchor)');
  const boxes = await page.locator('#lambda-control .anchor-label:not(.crowded)').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect()).map((r) => [r.left, r.right]));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThan(boxes[i - 1][1]);
  await slider.focus();
  await page.keyboard.press('Home');
  for (const stop of ['0.001', '0.002', '0.5']) {
    await page.keyboard.press('PageUp');
    await expect(slider).toHaveAttribute('aria-valuetext', `λ = ${stop} (anchor)`);
  }
  expect(app.errors).toEqual([]);
});

test('Train runs steps and moves the loss; Pause stops them', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await app.reset();
  await expect(app.stepCounter).toContainText('Step 0 /');
  await app.train();
  await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await app.pause();
  await expect(app.trainState).toContainText('paused');
  const stopped = await app.stepCount();
  await page.waitForTimeout(1500);
  expect(await app.stepCount()).toBe(stopped);
  // Exact values on hover.
  const chart = page.getByTestId('loss-chart');
  await chart.hover({ position: { x: 300, y: 30 } });
  await expect(page.getByTestId('loss-readout')).toContainText(/step \d+: transport cost -?\d+\.\d{4}, residual/);
  // And by keyboard: focus the curves, then ← → and Home/End walk the steps.
  await page.mouse.move(0, 0);
  await chart.focus();
  await chart.press('End');
  await expect(page.getByTestId('loss-readout')).toContainText(`step ${stopped}:`);
  await chart.press('Home');
  await expect(page.getByTestId('loss-readout')).toContainText('step 1:');
  await chart.press('ArrowRight');
  await expect(page.getByTestId('loss-readout')).toContainText('step 2:');
  await chart.blur();
  await expect(page.getByTestId('loss-readout')).toContainText('focus them and press ← →');
});

test('a shape turning in open space gets no potential, and the potential view says why', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // A stick (21 × 3 grid) turning its long axis by 60° about its own centre as it moves 1.5 along x.
  const rows = ['lambda,y0,y1'];
  for (const l of [0, 1, 2]) {
    for (let k = 0; k < 63; k++) {
      const u = -1 + Math.floor(k / 3) / 10;
      const v = 0.1 * ((k % 3) - 1);
      const th = (Math.PI / 3) * (l + 1);
      rows.push(`${l},${(1.5 * l + u * Math.cos(th) - v * Math.sin(th)).toFixed(4)},${(u * Math.sin(th) + v * Math.cos(th)).toFixed(4)}`);
    }
  }
  await app.upload('stick.csv', rows.join('\n'));
  await app.trainBriefly();
  await expect(app.control('Potential weight α')).toHaveAttribute('placeholder', 'auto (0)');
  await expect(page.getByTestId('potential-legend')).toContainText('No density potential: α auto = 0: the data join the anchors only by a long detour');
  expect(app.errors).toEqual([]);
});

test('classes that keep different paces each keep their own, and the geodesic view says so', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // The pretrained semicircles' two classes move alike: one pace for every row, no note.
  await expect(app.geodesicView.locator('polyline[data-layer="geodesic"]')).not.toHaveCount(0);
  await expect(page.getByTestId('pace-note')).toHaveCount(0);
  // One class slowing down, one speeding up (moves 3, 1 and 1, 3 over anchors 0, 1, 2).
  await app.upload('paces.csv', familyCsv(classPaces([0, 1, 2], 40, 3)));
  await app.control('Variant').selectOption('euclidean');
  await app.trainBriefly();
  await expect(page.getByTestId('pace-note')).toHaveText('class 0 and class 1 keep their own pace across anchors.');
  expect(app.errors).toEqual([]);
});

test('a cloud shrinking by a constant factor keeps the geometric width law between anchors, and the geodesic view says so', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // The pretrained semicircles' widths change linearly where they change at all: no note.
  await expect(app.geodesicView.locator('polyline[data-layer="geodesic"]')).not.toHaveCount(0);
  await expect(page.getByTestId('width-note')).toHaveCount(0);
  await app.upload('shrinking.csv', familyCsv(shrinkingCloud([0, 1, 2], 150, 1)));
  await app.trainBriefly();
  await expect(page.getByTestId('width-note')).toHaveText("Between anchors the samples' width follows the law the interior anchors show: width changing by a constant factor, the geometric mean of the anchors' widths.");
  expect(app.errors).toEqual([]);
});

test('between two anchors only, the outputs caption says the pace in λ is assumed and how far along the slider is', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // The pretrained semicircles have an anchor inside their range: nothing assumed to say.
  await expect(page.getByTestId('assumed-pace-note')).toHaveCount(0);
  await app.upload('two.csv', gridBlobCsv([0, 2], (l) => [l, 0.5 * l]));
  const note = page.getByTestId('assumed-pace-note');
  await expect(note).toContainText('Two anchors only: nothing in the data says how fast the outputs change between them, so this picture assumes a steady pace in λ');
  const slider = app.slider;
  await slider.focus();
  // At an anchor the picture is the data: no assumption.
  await page.keyboard.press('Home');
  await expect(note).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  const lambda = await app.lambda();
  await expect(note).toContainText(`(${Number((50 * lambda).toPrecision(2))} % of the way from λ = 0 to 2). An anchor in between would test it.`);
  expect(app.errors).toEqual([]);
});

test('classes named in the file keep their names in the legends and the class lists', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const names = ['control', 'high, dose', 'low dose'];
  const rows = ['lambda,y0,y1,class'];
  for (const l of [0, 1, 2]) {
    names.forEach((name, c) => {
      for (let i = 0; i < 12; i++) rows.push(`${l},${(c + 0.3 * l + 0.05 * (i % 4)).toFixed(3)},${(0.05 * i - 0.3 * c).toFixed(3)},${name.includes(',') ? `"${name}"` : name}`);
    });
  }
  await app.upload('doses.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('doses.csv: 3 anchors');
  await expect(app.dataSummary).toContainText('3 classes');
  await app.control('Variant').selectOption('euclidean');
  await app.trainBriefly();
  await expect(app.card('output').getByTestId('class-legend').locator('.legend-item text')).toHaveText(names.map((n) => `class ${n}`));
  for (const n of names) await expect(page.getByRole('checkbox', { name: `class ${n}` })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('a blob following a smooth curve across five anchors trains onto the transport spline, and the metric card says why', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // A tight grid about a centre on a sine wave.
  await app.upload('sine.csv', gridBlobCsv([0, 1, 2, 3, 4], (l) => [l, 1.2 * Math.sin(1.5 * l)]));
  await expect(app.dataSummary).toContainText('sine.csv: 5 anchors');
  await app.trainBriefly();
  const held = page.getByTestId('metric-held');
  await expect(held).toContainText('transport spline');
  await expect(held).toContainText('× the sampling noise from those lines by W2');
  await expect(app.card('geodesics').locator('figcaption')).toContainText("Transport-spline paths (a cubic through each sample's coupled anchors)");
  expect(app.errors).toEqual([]);
});

test('a middle anchor a little off the line between its neighbours trains as straight lines, and the metric card says why', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // The grid moving along x; at λ = 1 its centre sits 0.2 above the line (its spacing is 0.12).
  await app.upload('faint.csv', gridBlobCsv([0, 1, 2], (l) => [l, l === 1 ? 0.2 : 0]));
  await expect(app.dataSummary).toContainText('faint.csv: 3 anchors');
  await app.trainBriefly();
  const held = page.getByTestId('metric-held');
  await expect(held).toContainText('Metric held at G = I: an interior anchor sits a little off the straight lines between its neighbours (left out, it lies 1.44× the sampling noise from those lines by W2), too little to bend paths by without a potential, so paths are straight lines');
  await expect(app.card('geodesics').locator('figcaption')).toContainText("Straight paths (G = I and no potential: straight lines between each sample's coupled anchors)");
  expect(app.errors).toEqual([]);
});

test('data that is valid but likely a mistake loads with a note under its summary saying what and why', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(page.getByTestId('data-warnings')).toHaveCount(0);
  const rows = ['lambda,y0,y1'];
  for (let i = 0; i < 30; i++) rows.push(`0,${i % 7},${i % 5}`, `1,${1 + (i % 7)},${i % 5}`);
  rows.push('2,3,3');
  await app.upload('odd.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('odd.csv: 3 anchors');
  await expect(page.getByTestId('data-warnings')).toHaveText('The anchor at λ = 2 has 1 row (the largest has 30): near it every sample sits on that row.');
  expect(app.errors).toEqual([]);
});

test('uploading a valid CSV replaces the dataset; a malformed file shows an error and keeps it', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await app.upload('mine.csv', anchorCsv([0, 2], 20));
  await expect(app.dataSummary).toContainText('mine.csv: 2 anchors at λ = 0, 2; D = 2; no condition');
  await expect(app.dataSummary).toContainText('Samples: λ = 0: 20, λ = 2: 20');
  await expect(app.uploadError).toHaveCount(0);

  await app.upload('broken.csv', 'lambda,y0\n0,1\n0,x\n1,2\n');
  await expect(app.uploadError).toHaveText('broken.csv, row 3, column y0: "x" is not a number');
  await expect(app.dataSummary).toContainText('mine.csv: 2 anchors');

  // Near-misses get a hint at the fix.
  await app.upload('excel.csv', 'lambda;y0;y1\n0;1;2\n1;1;2\n');
  await expect(app.uploadError).toContainText('excel.csv, row 1: looks semicolon-separated');
  await app.upload('labels.csv', 'lambda,y0,label\n0,1,0\n1,1,0\n');
  await expect(app.uploadError).toContainText('unknown column "label"; rename it to "class"?');
  await expect(app.dataSummary).toContainText('mine.csv: 2 anchors');
});

test('a saved model loads back to the same samples', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const before = await app.checksum();
  const steps = await app.stepCount();
  const download = page.waitForEvent('download');
  await app.button('Save model').click();
  const file = await (await download).path();
  // Change the model, then load the saved one back.
  await app.reset();
  await expect(app.stepCounter).toContainText('Step 0 /');
  await app.loadModel(file);
  await expect.poll(() => app.stepCount()).toBe(steps);
  await expect.poll(() => app.checksum()).toBe(before);
  // A file that is not a model leaves everything as it is.
  await app.loadModel({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') });
  await expect(app.uploadError).toContainText('nope.json: is not an hti model file');
  expect(await app.checksum()).toBe(before);
});

test('the WebGPU path runs the model and trains steps without losing the device', async ({ page }, testInfo) => {
  // SwiftShader's WebGPU is for correctness, not speed: the pretrained (full) model's forward passes
  // (snapshot, metric and potential fields) run on it, then a small Euclidean problem trains two steps.
  test.setTimeout(600_000);
  const app = await new ExplorerPage(page).open('?backend=webgpu');
  await expect(app.backendReadout).toContainText('Backend: webgpu — chosen by you', { timeout: 60_000 });
  await expect(app.metricView.locator('ellipse')).toHaveCount(169, { timeout: 180_000 });
  await app.attachViews(testInfo, 'webgpu-pretrained');
  await app.control('Variant').selectOption('euclidean');
  await app.upload('tiny.csv', anchorCsv([0, 1], 12, 2));
  await expect(app.dataSummary).toContainText('tiny.csv: 2 anchors');
  await expect(app.stepCounter).toContainText('Step 0 /');
  await expect(app.button('Step')).toBeEnabled();
  await app.step();
  await expect.poll(() => app.stepCount(), { timeout: 400_000 }).toBe(1);
  await app.step();
  await expect.poll(() => app.stepCount(), { timeout: 120_000 }).toBe(2);
  await expect(app.backendReadout).toContainText('Backend: webgpu');
  await expect(app.trainState).not.toContainText('failed');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await app.attachViews(testInfo, 'webgpu-trained');
});

test('the bandwidth box says what auto chose for this data, takes a number, and goes back to auto when emptied', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');
  const box = app.control('Bandwidth h');
  await expect(box).toHaveValue('');
  // The pretrained semicircles model was trained with 'auto': its resolved bandwidth is shown, at least the floor.
  await expect(box).toHaveAttribute('placeholder', /^auto \(0\.0[3-9]\d*\)$/);
  await app.setNumber('Bandwidth h', '0.05');
  await expect(page).toHaveURL(/bw=0\.05/);
  await expect(app.card('output').getByTestId('kept-picture-note')).toContainText('h = auto');
  await expect(app.card('output').getByTestId('kept-picture-note')).toContainText('press Train to fit h = 0.05');
  await app.setNumber('Bandwidth h', '');
  await expect(box).toHaveValue('');
  await expect(page).not.toHaveURL(/bw=/);
  expect(app.errors).toEqual([]);
});

test('a number box that does not parse says what it takes and what still holds, changes nothing, and clears once fixed; Step on a finished model raises the budget', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toContainText('State: trained 150 steps');
  const url = page.url();
  for (const [typed, shown] of [['20000000', '20000000'], ['0', '0'], ['2.5', '2.5'], ['-5', '-5']]) {
    await app.setNumber('Iterations', typed);
    const error = page.getByTestId('iterations-error');
    await expect(error).toHaveText(`Iterations must be a whole number from 1 to 100,000; ${shown} is not. Still 150.`);
    await expect(app.control('Iterations')).toHaveAttribute('aria-invalid', 'true');
  }
  await app.setNumber('Seed', '1.5');
  await expect(page.getByTestId('seed-error')).toContainText('Seed must be a whole number from 0 to');
  await app.setNumber('Potential weight α', '-1');
  await expect(page.getByTestId('alpha-error')).toHaveText('Potential weight α must be a number from 0 to 100, or empty for auto; -1 is not. Still auto.');
  // Text the number box cannot read ('1e', half an exponent) is not taken as an empty box, which would mean auto.
  const alpha = app.control('Potential weight α');
  await alpha.fill('');
  await alpha.pressSequentially('1e');
  await alpha.press('Enter');
  await expect(page.getByTestId('alpha-error')).toHaveText('Potential weight α must be a number from 0 to 100, or empty for auto; that is not. Still auto.');
  // Nothing changed: the same link, the trained model kept, no restart.
  expect(page.url()).toBe(url);
  await expect(app.trainState).toContainText('State: trained 150 steps');
  await expect(app.card('output').getByTestId('kept-picture-note')).toHaveCount(0);
  // A valid value clears the error and takes effect.
  await app.setNumber('Iterations', '200');
  await expect(page.getByTestId('iterations-error')).toHaveCount(0);
  await expect(app.control('Iterations')).toHaveAttribute('aria-invalid', 'false');
  await expect(page).toHaveURL(/iters=200/);
  await app.setNumber('Seed', '0');
  await expect(page.getByTestId('seed-error')).toHaveCount(0);

  // Iterations below the steps already done: the count never reads 150 / 60, and the hint says what Train adds (its 150 more, to 300).
  await app.setNumber('Iterations', '60');
  await expect(app.stepCounter).toContainText('Step 150 / 150');
  await expect(app.trainState).toContainText('Train continues for 150 more steps');
  // Step on a model whose budget is used up raises Iterations as Train does: the count never passes its total.
  await app.setNumber('Iterations', '150');
  await expect(app.stepCounter).toContainText('Step 150 / 150');
  await app.step();
  await expect(app.stepCounter).toContainText('Step 151 / 300');
  await expect(app.control('Iterations')).toHaveValue('300');
  expect(app.errors).toEqual([]);
});

test('the potential weight box says what auto chose: the potential for curves, none for one output per input or a steadily moving cloud', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');
  const box = app.control('Potential weight α');
  await expect(box).toHaveValue('');
  // Semicircles: straight lines cut the arcs short, so auto keeps the potential, and its heatmap is drawn.
  await expect(box).toHaveAttribute('placeholder', 'auto (0.1)');
  await expect(app.control('Bandwidth h')).toHaveAttribute('placeholder', /^auto \(0\.0\d+\)$/);
  await expect(page.getByTestId('potential-legend')).toContainText(/\d/);
  // The middle anchor sits off the straight lines between its neighbours: the metric learns, and its caption says nothing more.
  const metricCaption = app.card('metric').locator('figcaption');
  await expect(metricCaption).toContainText('G as ellipses');
  await expect(page.getByTestId('metric-held')).toHaveCount(0);
  // The quantile fan has one forecast per input: nothing for the potential to follow.
  await app.choosePreset('quantile-fan');
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');
  // One forecast per input cannot be compared with straight lines, and with no potential each input's path
  // follows the cubic through its own forecasts (the transport spline); the caption says so.
  await expect(page.getByTestId('metric-held')).toContainText('Metric held at G = I: too few samples per class or input to compare its anchors with straight lines');
  await expect(page.getByTestId('metric-held')).toContainText('each sample\'s path follows a cubic through its coupled anchors (a transport spline');
  await expect(box).toHaveAttribute('placeholder', 'auto (0)');
  await expect(page.getByTestId('potential-legend')).toContainText('No density potential: α auto = 0: too few outputs per input or class to show a route');
  // The bandwidth is only the potential's: with none, its box says so rather than show a value nothing uses.
  await expect(app.control('Bandwidth h')).toHaveAttribute('placeholder', 'auto (unused)');
  await expect(app.card('potential').locator('figcaption')).toContainText('Where a model has a potential, this shows α·log of the pooled anchor density');
  // The dropout moons blur and drift at a steady pace: auto drops the potential, and the view says why.
  await app.choosePreset('dropout-moons');
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');
  await expect(box).toHaveAttribute('placeholder', 'auto (0)');
  await expect(page.getByTestId('potential-legend')).toContainText('No density potential: α auto = 0, as the anchors show clouds moving at a steady pace');
  // Straight lines between its outer anchors reproduce the middle one within sampling noise: the metric is held, and the view and its caption say so.
  await expect(metricCaption).toContainText('Metric held at G = I, so paths are straight lines: straight lines between each anchor');
  await expect(metricCaption).toContainText('within sampling noise at some point along them (left out, it lies 1.07× the sampling noise from those lines by W2)');
  await expect(app.card('metric')).toContainText('Metric held at G = I everywhere');
  // A typed weight asks for the potential: a fresh model with one.
  await app.setNumber('Potential weight α', '0.1');
  await expect(page).toHaveURL(/alpha=0\.1/);
  await expect(app.card('output').getByTestId('kept-picture-note')).toContainText('press Train to fit α = 0.1');
  await expect(page.getByTestId('potential-legend')).toContainText(/\d/, { timeout: 60_000 });
  // A variant without a learned metric replaces the model: the metric view keeps drawing the previous
  // model, whose metric was held, and still says so (not the new, untrained model's absence of a choice).
  await app.control('Variant').selectOption('euclidean');
  await expect(app.card('metric').getByTestId('kept-picture-note')).toBeVisible();
  await expect(app.card('metric')).toContainText('Metric held at G = I everywhere');
  await expect(metricCaption).toContainText('Metric held at G = I');
  expect(app.errors).toEqual([]);
});

// 3-D takes the potential's grid, 4-D its exact KDE with the written-out gradient (geometry/density/).
for (const D of [3, 4]) {
  test(`${D}-dimensional outputs: the views say which two dims they draw, the fields that they are a slice, and the slider moves the picture`, async ({ page }) => {
    const app = await new ExplorerPage(page).open();
    // 60 points along a helix segment sliding along it as λ grows (a fixed jitter, no randomness); in 4-D a fourth dim that only jitters.
    const rows = [['lambda', ...Array.from({ length: D }, (_, d) => `y${d}`)].join(',')];
    for (const l of [0, 1, 2]) {
      for (let i = 0; i < 60; i++) {
        const t = 0.8 * l + (1.5 * i) / 60;
        const j = 0.05 * Math.sin(7.3 * i + l);
        rows.push([l, 2 * Math.cos(t) + j, 2 * Math.sin(t) - j, 0.6 * t + j, j].slice(0, D + 1).map((v, k) => (k ? v.toFixed(4) : v)).join(','));
      }
    }
    await app.upload('helix.csv', rows.join('\n'));
    await expect(app.dataSummary).toContainText(`helix.csv: 3 anchors at λ = 0, 1, 2; D = ${D}`);
    await expect(app.card('output').locator('figcaption')).toContainText(`Showing dims y0, y1 of ${D}.`);
    await app.trainBriefly({ 'Potential weight α': '0.1' });
    await expect(app.card('potential').locator('figcaption')).toContainText(`A slice in dims y0, y1 of ${D}, the other dims at the data's mean: off that plane the field is not shown.`, { timeout: 30_000 });
    const before = await app.checksum();
    await app.slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => app.checksum()).not.toBe(before);
    expect(app.errors).toEqual([]);
  });
}

test('a two-dimensional continuous condition: the legend says colour shows c0 only, and the fields name the condition they are drawn for', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // A 5 × 5 grid of conditions (c0, c1), four outputs each, shifting with λ by an amount that depends on both.
  const rows = ['lambda,y0,y1,c0,c1'];
  for (const l of [0, 1, 2]) {
    for (let g = 0; g < 25; g++) {
      const [u, v] = [(g % 5) / 4, Math.floor(g / 5) / 4];
      for (let i = 0; i < 4; i++) rows.push(`${l},${(4 * u + l * (1 + v) + 0.1 * Math.sin(3 * i + g)).toFixed(4)},${(4 * v + 0.5 * l * u + 0.1 * Math.cos(5 * i + g)).toFixed(4)},${u},${v}`);
    }
  }
  await app.upload('cond2.csv', rows.join('\n'));
  await expect(app.dataSummary).toContainText('cond2.csv: 3 anchors at λ = 0, 1, 2');
  await expect(page.getByTestId('condition-legend')).toContainText('c0 (c1 not shown)');
  await app.trainBriefly({ 'Potential weight α': '0.1' });
  await expect(app.card('potential').locator('figcaption')).toContainText("of the first sample's condition (c0 = 0, c1 = 0)", { timeout: 30_000 });
  expect(app.errors).toEqual([]);
});

import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { MAX_SAMPLES_PER_ANCHOR as N } from '../src/core/data/subsample';
import { npyBytes } from '../tests/helpers/fixtures';
import { anchorCsv, ExplorerPage } from './pages/explorer';

const LAMBDAS = [0, 0.5, 1];

test('a file over the per-anchor limit says so with its counts, and subsamples to the limit on request', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  const perAnchor = N + 5000;
  await app.upload('big.csv', anchorCsv(LAMBDAS, perAnchor));

  await expect(app.uploadLimit).toContainText(
    `big.csv: ${(3 * perAnchor).toLocaleString('en-US')} rows in 3 anchors (λ = 0: ${perAnchor.toLocaleString('en-US')}, `,
  );
  await expect(app.uploadLimit).toContainText(`the explorer keeps at most ${N.toLocaleString('en-US')} per anchor`);
  // Nothing is replaced while the choice is open: the pretrained model on semicircles stays, and says so.
  await expect(app.dataSummary).toContainText('semicircles: 3 anchors');
  await expect(app.trainState).toHaveAttribute('data-state', 'trained');

  await app.uploadLimit.getByRole('button', { name: `Subsample to ${N.toLocaleString('en-US')} per anchor` }).click();
  await expect(app.uploadLimit).toHaveCount(0);
  await expect(app.dataSummary).toContainText('big.csv (subsample): 3 anchors at λ = 0, 0.5, 1');
  await expect(app.dataSummary).toContainText(`Samples: λ = 0: ${N}, λ = 0.5: ${N}, λ = 1: ${N}`);
  await expect(app.trainState).toHaveAttribute('data-state', 'untrained');

  // Cancel at the limit keeps the subsampled dataset.
  await app.upload('again.csv', anchorCsv(LAMBDAS, perAnchor, 3));
  await expect(app.uploadLimit).toBeVisible();
  await app.uploadLimit.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(app.uploadLimit).toHaveCount(0);
  await expect(app.dataSummary).toContainText('big.csv (subsample): 3 anchors');
  await expect(app.uploadError).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a large file parses off the main thread with progress; the page responds meanwhile and Cancel keeps the dataset', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const app = await new ExplorerPage(page).open();
  await app.upload('mine.csv', anchorCsv(LAMBDAS, 50));
  await expect(app.dataSummary).toContainText('Samples: λ = 0: 50, λ = 0.5: 50, λ = 1: 50');

  // About 36 MB: seconds of parsing in the worker, long enough to act while it runs. From disk:
  // a buffer this size takes Playwright a minute to hand over.
  const huge = testInfo.outputPath('huge.csv');
  writeFileSync(huge, anchorCsv(LAMBDAS, 600_000));
  await app.uploadFromDisk(huge);
  await expect(app.uploadProgress).toContainText(/Reading huge\.csv|Parsing huge\.csv: [\d.,]+( M)? rows/);
  await expect(app.uploadProgress.getByRole('progressbar', { name: 'Loading huge.csv' })).toBeVisible();
  await expect(app.uploadProgress).toContainText(/Parsing huge\.csv: [\d.,]+( M)? rows \(\d+ %\)/);

  // The main thread is free: the slider moves and the outputs redraw while the file parses.
  const lambda = await app.lambda();
  const drawn = await app.checksum();
  await app.slider.focus();
  await app.slider.press('End');
  expect(await app.lambda()).not.toBe(lambda);
  await expect.poll(() => app.checksum()).not.toBe(drawn);
  await expect(app.uploadProgress).toBeVisible();
  // Nothing about the new file is claimed while it parses.
  await expect(app.dataSummary).toContainText('mine.csv: 3 anchors');

  await app.uploadProgress.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(app.uploadProgress).toHaveCount(0);
  await expect(app.uploadLimit).toHaveCount(0);
  await expect(app.uploadError).toHaveCount(0);
  await expect(app.dataSummary).toContainText('mine.csv: 3 anchors');
  await expect(app.dataSummary).toContainText('Samples: λ = 0: 50, λ = 0.5: 50, λ = 1: 50');
  await expect(app.trainState).toHaveAttribute('data-state', 'untrained');

  // A bad file after a cancelled one still shows the reader's own message.
  await app.upload('broken.csv', 'lambda,y0\n0,1\n0,x\n1,2\n');
  await expect(app.uploadError).toHaveText('broken.csv, row 3, column y0: "x" is not a number');
  await expect(app.dataSummary).toContainText('mine.csv: 3 anchors');
  expect(app.errors).toEqual([]);
});

/** The JSON format of `anchorCsv`'s data: { anchors: [{ lambda, y: [[y0, y1], …] }, …] }. */
function anchorJson(lambdas: number[], perAnchor: number): string {
  const anchor = (l: number) => {
    const y = Array.from({ length: perAnchor }, (_, i) => `[${(i * 0.1 + l).toFixed(2)},${(i * 0.05).toFixed(2)}]`);
    return `{"lambda":${l},"y":[${y.join(',')}]}`;
  };
  return `{"anchors":[${lambdas.map(anchor).join(',')}]}`;
}

test('a large JSON file shows the reader’s steps while it parses, then its counts', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const app = await new ExplorerPage(page).open();
  // About 35 MB: JSON.parse is one call, then the rows are checked and the anchors built, each step told as it starts and moves.
  const perAnchor = 600_000;
  const huge = testInfo.outputPath('huge.json');
  writeFileSync(huge, anchorJson(LAMBDAS, perAnchor));
  await app.uploadFromDisk(huge);
  await expect(app.uploadProgress).toContainText(/Parsing huge\.json: (parsing JSON|checking rows, [\d.,]+( M)? rows) \(\d+ %\)/);
  await expect(app.uploadProgress.getByRole('progressbar', { name: 'Loading huge.json' })).toBeVisible();
  // The row check (seconds for 1.8 M rows) counts rows as it goes.
  await expect(app.uploadProgress).toContainText(/Parsing huge\.json: checking rows, [\d.,]+( M)? rows \(\d+ %\)/);

  const n = perAnchor.toLocaleString('en-US');
  await expect(app.uploadLimit).toContainText(`huge.json: 1.8 M rows in 3 anchors (λ = 0: ${n}, λ = 0.5: ${n}, λ = 1: ${n})`);
  await expect(app.uploadProgress).toHaveCount(0);
  await app.uploadLimit.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(app.dataSummary).toContainText('semicircles: 3 anchors');
  expect(app.errors).toEqual([]);
});

test('array files parse in the worker too: the layout form, the reader’s own error, then the data', async ({ page }) => {
  const app = await new ExplorerPage(page).open();
  // [T = 2, N = 3, D = 2]
  const npy = npyBytes([0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1], [2, 3, 2]);
  await app.control('Upload anchor data').setInputFiles({ name: 'a.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(npy) });
  await app.control('Lambda of each anchor').fill('0, 0.5, 1');
  await app.button('Load').click();
  await expect(app.uploadError).toHaveText('a.npy: has 2 anchors (first dimension) but 3 lambda values were given');
  await expect(app.dataSummary).toContainText('semicircles: 3 anchors');
  await app.control('Lambda of each anchor').fill('0, 1');
  await app.button('Load').click();
  await expect(app.dataSummary).toContainText('a.npy: 2 anchors at λ = 0, 1; D = 2; no condition');
  await expect(app.dataSummary).toContainText('Samples: λ = 0: 3, λ = 1: 3');
  await expect(app.uploadError).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

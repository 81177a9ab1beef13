import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { DebugMessage, InjectedFailure } from '../../src/app/worker/protocol';
import type { DrawnReport, HtiTestApi } from '../../src/app/testing/test-api';
import type { AnchorSet } from '../../src/core/data/types';
import { toLongCsv } from '../../src/core/data/write-csv';

/** CSV text of an uploaded anchor file: `perAnchor` rows per λ, outputs moving with λ. */
export function anchorCsv(lambdas: number[], perAnchor: number, shift = 1): string {
  const rows = ['lambda,y0,y1'];
  for (const l of lambdas) for (let i = 0; i < perAnchor; i++) rows.push(`${l},${(i * 0.1 + shift * l).toFixed(2)},${(i * 0.05).toFixed(2)}`);
  return rows.join('\n');
}

/** CSV text of a generated anchor set (src/core/datasets/families.ts), as hti would write it. */
export function familyCsv(set: AnchorSet): string {
  return toLongCsv(set.anchors.map((a) => ({ ...a, dimY: set.dimY, condition: set.condition })));
}

/** CSV text of a 6 × 6 grid of offsets (spacing 0.12) about centre(λ) at each λ: a tight blob whose path the data set chooses. */
export function gridBlobCsv(lambdas: number[], centre: (lambda: number) => [number, number]): string {
  const rows = ['lambda,y0,y1'];
  for (const l of lambdas) {
    const [x, y] = centre(l);
    for (let i = 0; i < 36; i++) rows.push(`${l},${(x + 0.12 * ((i % 6) - 2.5)).toFixed(3)},${(y + 0.12 * (Math.floor(i / 6) - 2.5)).toFixed(3)}`);
  }
  return rows.join('\n');
}

/**
 * The explorer as a person sees it: its controls by their labels and roles, its readouts by
 * test id. Specs act and read through this, so a renamed control is fixed in one place.
 */
export class ExplorerPage {
  /** Uncaught page errors since open(). */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  /** Opens the app (with a query string) and waits until a backend is chosen and the outputs are drawn. */
  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.backendReadout).toContainText(/Backend: (wasm|webgpu|webgl|cpu)/, { timeout: 60_000 });
    await expect.poll(() => this.checksum(), { timeout: 60_000 }).toMatch(/^-?\d+$/);
    return this;
  }

  get backendReadout(): Locator {
    return this.page.getByTestId('backend-readout');
  }
  get outputView(): Locator {
    return this.page.getByTestId('output-view');
  }
  get metricView(): Locator {
    return this.page.getByTestId('metric-view');
  }
  get geodesicView(): Locator {
    return this.page.getByTestId('geodesic-view');
  }
  get stepCounter(): Locator {
    return this.page.getByTestId('step-counter');
  }
  get trainState(): Locator {
    return this.page.getByTestId('train-state');
  }
  get dataSummary(): Locator {
    return this.page.getByTestId('data-summary');
  }
  get uploadError(): Locator {
    return this.page.getByTestId('upload-error');
  }
  /** The upload's progress bar with its file name and Cancel (while the worker parses a file). */
  get uploadProgress(): Locator {
    return this.page.getByTestId('upload-progress');
  }
  /** The per-anchor limit's message with its Subsample and Cancel buttons. */
  get uploadLimit(): Locator {
    return this.page.getByTestId('upload-limit');
  }
  get slider(): Locator {
    return this.page.getByRole('slider', { name: /^Hyperparameter / });
  }
  /** A labelled control (select, input, file input). */
  control(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  /** A view's card by its id (output, geodesics, metric, potential). */
  card(id: string): Locator {
    return this.page.locator(`#${id}`);
  }

  async train() {
    await this.button('Train').click();
  }
  /** A short fit of the data on the page: Iterations 3 and any other numbers (e.g. the potential weight), Train, then wait until trained. */
  async trainBriefly(numbers: Record<string, string> = {}) {
    await this.setNumber('Iterations', '3');
    for (const [label, value] of Object.entries(numbers)) await this.setNumber(label, value);
    await this.train();
    await expect(this.trainState).toHaveAttribute('data-state', 'trained', { timeout: 90_000 });
  }

  async pause() {
    await this.button('Pause').click();
  }
  /** Pause while pre-training runs: the state turns paused and says pre-training will restart. */
  async pauseDuringPretraining(timeout: number) {
    await this.pause();
    await expect(this.trainState).toHaveAttribute('data-state', 'paused', { timeout });
    await expect(this.trainState).toContainText('paused during pre-training');
  }
  async step() {
    await this.button('Step').click();
  }
  async reset() {
    await this.button('Reset').click();
  }
  async choosePreset(id: string) {
    await this.control('Built-in dataset').selectOption(id);
    await expect(this.dataSummary).toContainText(id);
  }
  async upload(name: string, text: string) {
    await this.control('Upload anchor data').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }
  /** Uploads a file from disk: quicker than `upload` for large files, which the browser then reads itself. */
  async uploadFromDisk(path: string) {
    await this.control('Upload anchor data').setInputFiles(path);
  }
  async loadModel(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.control('Load model file').setInputFiles(file);
  }
  /** The header's theme toggle: 'System', 'Light' or 'Dark'. */
  themeOption(name: 'System' | 'Light' | 'Dark'): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }
  /** The page's computed background colour, as [r, g, b]. */
  async pageBackground(): Promise<number[]> {
    const css = await this.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    return (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  }
  get shortcutsButton(): Locator {
    return this.page.getByRole('button', { name: /Keyboard shortcuts/ });
  }
  get shortcutsDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }
  /** The slider's value. */
  async lambda(): Promise<number> {
    return Number(await this.slider.getAttribute('aria-valuenow'));
  }

  /** Types a value into a number setting and commits it. */
  async setNumber(label: string, value: string) {
    const input = this.control(label);
    await input.fill(value);
    await input.press('Enter');
  }

  /** What a view last drew, through the app's test API (src/app/testing/test-api.ts). */
  async drawn(view: 'outputs' | 'overlay'): Promise<DrawnReport & { method?: string } | null> {
    return this.page.evaluate((v) => (window as unknown as { __htiTest: HtiTestApi }).__htiTest.drawn(v), view);
  }
  /** The outputs view's checksum of what it drew ('' before its first drawing; changes when the samples change). */
  async checksum(): Promise<string> {
    return (await this.drawn('outputs'))?.checksum ?? '';
  }
  /** The baseline overlay's checksum, or '' when none is drawn. */
  async overlayChecksum(): Promise<string> {
    return (await this.drawn('overlay'))?.checksum ?? '';
  }
  /** Which baseline the overlay draws, or '' when none. */
  async overlayMethod(): Promise<string> {
    return (await this.drawn('overlay'))?.method ?? '';
  }
  async stepCount(): Promise<number> {
    const text = (await this.stepCounter.textContent()) ?? '';
    return Number(/Step (\d+)/.exec(text)?.[1] ?? NaN);
  }

  /** Posts the training worker's test-only entry point (DebugMessage) inside the worker. */
  async injectFailure(kind: InjectedFailure) {
    const worker = this.page.workers().find((w) => /training\.worker/.test(w.url()));
    if (!worker) throw new Error(`no training worker among ${this.page.workers().map((w) => w.url()).join(', ')}`);
    const msg: DebugMessage = { type: 'debug-inject-failure', kind };
    await worker.evaluate((data) => self.dispatchEvent(new MessageEvent('message', { data })), msg);
  }

  /** Attaches a screenshot of every view to the test report. */
  async attachViews(testInfo: TestInfo, prefix: string) {
    for (const id of ['output', 'geodesics', 'metric', 'potential']) {
      await testInfo.attach(`${prefix}-${id}`, { body: await this.card(id).screenshot(), contentType: 'image/png' });
    }
  }

  // --- Side-by-side comparison (src/app/components/CompareView.tsx) ---
  /** The outputs view's "Pin λ = …" button. */
  get pinButton(): Locator {
    return this.card('output').getByRole('button', { name: /^Pin λ = / });
  }
  /** The comparison panel beside the outputs (absent while closed). */
  get compareCard(): Locator {
    return this.card('compare');
  }
  get compareView(): Locator {
    return this.page.getByTestId('compare-view');
  }
  get compareTitle(): Locator {
    return this.compareCard.locator('header h2');
  }
  /** What the panel shows: 'pinned' or a baseline's id. */
  get compareSource(): Locator {
    return this.compareCard.getByLabel('Compare with');
  }
  /** "Unpin" (pinned outputs) or "Close" (a baseline). */
  get compareClose(): Locator {
    return this.compareCard.getByRole('button', { name: /^(Unpin|Close)$/ });
  }
  /** What the comparison panel last drew (method: 'pinned' or the baseline), or null while closed. */
  async compareDrawn(): Promise<(DrawnReport & { method?: string }) | null> {
    return this.page.evaluate(() => (window as unknown as { __htiTest: HtiTestApi }).__htiTest.drawn('compare'));
  }
}

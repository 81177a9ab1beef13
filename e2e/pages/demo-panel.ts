import { expect, type Locator, type Page } from '@playwright/test';

/** "Train the networks yourself": the task form, the generation's progress, the check at λ and its view. */
export class DemoPanel {
  readonly root: Locator;
  /** The check's result, a view card among the others. */
  readonly checkView: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Train the networks yourself' });
    this.checkView = page.locator('#check');
  }

  /** Opens the panel (the demo worker starts) and waits for its tasks. */
  async open() {
    await this.root.locator('summary').click();
    await expect(this.task).toBeVisible({ timeout: 60_000 });
  }
  get task(): Locator {
    return this.root.getByLabel('Demo task');
  }
  get anchors(): Locator {
    return this.root.getByLabel('Anchors: λ values');
  }
  get trainButton(): Locator {
    return this.root.getByRole('button', { name: 'Train the networks' });
  }
  get cancelGeneration(): Locator {
    return this.root.getByRole('button', { name: 'Cancel training the networks' });
  }
  get progress(): Locator {
    return this.root.getByTestId('demo-progress');
  }
  get message(): Locator {
    return this.root.getByTestId('demo-message');
  }
  get error(): Locator {
    return this.root.getByTestId('demo-error');
  }
  get seeds(): Locator {
    return this.root.getByLabel('Seeds of the real network');
  }
  get checkButton(): Locator {
    return this.root.getByRole('button', { name: 'Check at λ' });
  }
  get distances(): Locator {
    return this.checkView.getByTestId('check-distances');
  }
  get times(): Locator {
    return this.checkView.getByTestId('check-times');
  }

  /** A row of the check's table (surrogate, nearest, mccann, noise-floor): its label and its distance. */
  async distance(row: string): Promise<{ label: string; value: number }> {
    const tr = this.distances.getByTestId(`check-row-${row}`);
    const label = (await tr.locator('th').textContent()) ?? '';
    const value = Number((await tr.getByTestId('check-distance').textContent())?.replace('−', '-'));
    return { label, value };
  }
}

import type { Locator, Page } from '@playwright/test';

/** The "Evaluate on held-out anchors" panel: its choices, its run button, its table and curve. */
export class EvaluationPanel {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Evaluate on held-out anchors' });
  }

  heldOut(lambda: string): Locator {
    return this.root.getByRole('checkbox', { name: `λ = ${lambda}` });
  }
  method(name: RegExp): Locator {
    return this.root.getByRole('checkbox', { name });
  }
  get status(): Locator {
    return this.root.getByRole('status');
  }
  get table(): Locator {
    return this.root.getByTestId('eval-table');
  }
  get curve(): Locator {
    return this.root.getByTestId('eval-curve');
  }
  get runButton(): Locator {
    return this.root.getByRole('button', { name: 'Run evaluation' });
  }
  get cancelButton(): Locator {
    return this.root.getByRole('button', { name: 'Cancel' });
  }

  /** Few steps per method: checks the panel's contract, not the method's quality. */
  async setSteps(clot: number | null, baseline: number | null) {
    if (clot !== null) await this.root.getByLabel('CLOT steps per split').fill(String(clot));
    if (baseline !== null) await this.root.getByLabel('Baseline network steps').fill(String(baseline));
  }
  async run() {
    await this.runButton.click();
  }
  /** The table cell `column` (0 = method, 1 = λ, 2 = W2, 3 = NLL or MSE) of a method's row. */
  cell(method: string, column: number): Locator {
    return this.table.locator(`tr[data-method="${method}"] td`).nth(column);
  }
  /** A score cell's value (the best cell's screen-reader suffix " (best)" aside). */
  async number(method: string, column: number): Promise<number> {
    return Number(((await this.cell(method, column).textContent()) ?? '').replace(' (best)', ''));
  }
  /** Whether a cell is marked as the best at its λ. */
  async isBest(method: string, column: number): Promise<boolean> {
    return (await this.cell(method, column).getAttribute('class'))?.includes('best') ?? false;
  }
}

/**
 * How the anchor readers are called: what the data are for (which sets how many λ they need) and
 * how far they have got. A reader works in steps (CSV: one, parsing the text in chunks; JSON:
 * parsing the text, checking its rows, building the anchors; .npy and .pt: decoding the array,
 * checking its values, building the anchors), each counted in its own units, so a large file
 * shows honest movement: progress is reported as work is done, never estimated.
 */

/** Which step a reader is at: its label ("parsing JSON"), its index and how many steps the reader has. */
export interface ParsePhase {
  label: string;
  step: number;
  steps: number;
}

/**
 * How far a reader has got: `done` of `total` units of the current step (characters, rows,
 * values…), `rows` data rows read so far, `phase` the step.
 */
export type ParseProgress = (done: number, total: number, rows: number, phase: ParsePhase) => void;

/** The share of a reader's work done, 0 to 1: its steps count equally, each by its own units. */
export function parseFraction(done: number, total: number, phase: ParsePhase | undefined): number {
  const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  if (!phase) return within;
  return Math.min(1, (phase.step + within) / Math.max(1, phase.steps));
}

/** The last step of the array and JSON readers: grouping the checked rows by λ into anchors (build.ts). */
export const BUILDING_ANCHORS = 'building anchors';

/** Rows (or values) between two reports inside a reader's loops: frequent enough to move, rare enough to cost nothing. */
export const REPORT_ROWS = 1 << 14;
/** Single values between two reports, in loops over every element of an array. */
export const REPORT_VALUES = 1 << 18;

/**
 * A reader's steps, named up front, reported in order through an optional callback.
 * `at(label, done, total)` reports `done` of `total` within step `label`.
 */
export class ParseSteps {
  rows = 0;

  constructor(
    private readonly labels: readonly string[],
    private readonly onProgress?: ParseProgress,
  ) {}

  at(label: string, done: number, total: number): void {
    if (!this.onProgress) return;
    const step = this.labels.indexOf(label);
    if (step < 0) throw new Error(`unknown parse step "${label}"`);
    this.onProgress(done, total, this.rows, { label, step, steps: this.labels.length });
  }

  /** Reports the start of step `label` (0 of 1) and runs `work`, one synchronous call, then its end (1 of 1). */
  run<T>(label: string, work: () => T): T {
    this.at(label, 0, 1);
    const out = work();
    this.at(label, 1, 1);
    return out;
  }
}

/** What anchor data are read for: training needs two or more λ, a held-out truth for evaluation one or more. */
export type AnchorUse = 'training' | 'evaluation';

/** Options of the anchor readers. */
export interface ReadOptions {
  /** Default 'training' (two or more λ). */
  use?: AnchorUse;
  onProgress?: ParseProgress;
}

/** Accepts a bare progress callback where readers took one before options existed. */
export function readOptions(opts: ReadOptions | ParseProgress | undefined): ReadOptions {
  return typeof opts === 'function' ? { onProgress: opts } : (opts ?? {});
}

import { create } from 'zustand';
import type { OutputDistance } from '../../core/demo/noise-floor';
import type { DemoOutput, DemoProgress, DemoTaskId } from '../../core/demo/types';
import type { Method } from '../../core/sampling/types';
import type { CheckResult, DemoTaskInfo } from '../worker/demo-protocol';

export type DemoJob = 'generating' | 'checking' | 'sweeping';

/** What the demo worker is doing: training networks (with the latest epoch), or a step that trains nothing. */
export type DemoJobProgress = (DemoProgress & { seed: number }) | { label: string };

/** A check's result with what the page measured itself: the surrogate's output and how long the snapshot took at λ. */
export interface ShownCheck extends CheckResult {
  task: DemoTaskId;
  surrogateOutput: DemoOutput;
  /** Milliseconds to evaluate the whole snapshot at λ on the page (what every slider movement costs). */
  surrogateMs: number;
  /** Rows of the snapshot evaluated in that time. */
  surrogateRows: number;
  /** The surrogate's method label and training step when the check started. */
  surrogateLabel: string;
  surrogateStep: number;
}

/** One λ of a sweep: each method's distance to the real network there, and the seed-to-seed floor. */
export interface SweepPoint {
  lambda: number;
  surrogate: OutputDistance;
  nearest: OutputDistance;
  mccann: OutputDistance;
  floor: OutputDistance | null;
}

/** A sweep over the λ between the anchors, filled in as each one is checked. */
export interface ShownSweep {
  task: DemoTaskId;
  /** The surrogate's method and training step when the sweep started. */
  method: Method;
  surrogateStep: number;
  lambdas: number[];
  points: SweepPoint[];
}

/**
 * "Train the networks yourself", beside the main store: the dataset and model there change only
 * when a generation succeeds (through the same path as an upload), never while it runs.
 */
export interface DemoState {
  /** The mode's panel is open (closed at first: the demo worker starts when it opens). */
  open: boolean;
  /** The tasks as the demo worker describes them, once it has started (null before). */
  tasks: DemoTaskInfo[] | null;
  job: 'idle' | DemoJob;
  progress: DemoJobProgress | null;
  /** Why the last job failed (one line), or null. */
  error: string | null;
  /** How the last job ended, for people ("5 networks trained in 6.2 s", "cancelled; nothing changed"). */
  message: string | null;
  /** The job the message and error are about, so each shows beside its own button. */
  lastJob: DemoJob | null;
  /** The demo worker's backend, once it has started. */
  backend: string | null;
  check: ShownCheck | null;
  sweep: ShownSweep | null;
  /** Which λ of the sweep is being checked (0-based), while it runs. */
  sweepAt: { index: number; count: number; lambda: number } | null;
}

export const useDemo = create<DemoState>()(() => ({ open: false, tasks: null, job: 'idle', progress: null, error: null, message: null, lastJob: null, backend: null, check: null, sweep: null, sweepAt: null }));

import type { AnchorSet } from '../../core/data/types';
import type { OutputDistance } from '../../core/demo/noise-floor';
import type { DemoOutput, DemoProgress, DemoTask, DemoTaskId } from '../../core/demo/types';
import type { BackendName } from '../../core/tfjs/backend';
import type { BackendChoice } from './protocol';

/**
 * The typed boundary between the UI and the demo worker, which trains the demo tasks' real
 * networks ("Train the networks yourself"): the anchors, one network per λ, and the real network
 * at the slider's λ that the surrogate is checked against.
 */

/** A task as the page shows it: everything but its network, which only the worker builds (tfjs stays out of the page). */
export type DemoTaskInfo = Omit<DemoTask, 'create'>;

export interface GenerateRequest {
  task: DemoTaskId;
  lambdas: number[];
  seed: number;
}

export type GenerateResult = { cancelled: true } | { cancelled: false; set: AnchorSet; seconds: number[] };

/** Where a job reports as it goes (a comlink proxy from the UI). */
export interface DemoSink {
  /** Every few epochs of the network being trained (`network` counts the job's networks, 0-based). */
  progress(p: DemoProgress & { seed: number }): void;
  /** A step that trains nothing, e.g. "building the baselines". */
  phase(label: string): void;
}

export interface CheckRequest {
  task: DemoTaskId;
  /** The anchor dataset the surrogate was trained on (the baselines are built from it). */
  data: AnchorSet;
  lambda: number;
  /** Seeds of the real networks at λ: the first is the anchors' own seed, the truth every method is scored against. */
  seeds: number[];
  /** The surrogate's output at λ from the first anchor's rows, in order (the rows every output of the task lists). */
  surrogate: DemoOutput;
}

/** A baseline's output at λ from the same start rows, and its distance to the truth. */
export interface CheckedBaseline {
  method: 'nearest' | 'mccann';
  output: DemoOutput;
  distance: OutputDistance;
}

export interface CheckResult {
  lambda: number;
  /** One real network per seed, in the order asked. */
  real: { seed: number; output: DemoOutput; seconds: number }[];
  /** The surrogate's distance to the first seed's network. */
  surrogate: OutputDistance;
  baselines: CheckedBaseline[];
  /** Mean distance over every pair of seeds; null with one seed. */
  noiseFloor: (OutputDistance & { pairs: number }) | null;
}

/**
 * What the demo worker offers (through comlink: every call settles; errors come back as
 * rejections). One job at a time: a new one cancels the old.
 */
export interface DemoApi {
  /** The tasks, in the order of DEMO_TASK_IDS (needs no backend). */
  tasks(): DemoTaskInfo[];
  init(backend: BackendChoice): Promise<{ name: BackendName; reason: string }>;
  /** Trains the task's network at each λ, one after another; the outputs as anchor data. */
  generate(request: GenerateRequest, sink: DemoSink): Promise<GenerateResult>;
  /** Trains the real network at λ from each seed, and scores the surrogate and the baselines against it. */
  check(request: CheckRequest, sink: DemoSink): Promise<CheckResult | { cancelled: true }>;
  /** Stops the running job at its next epoch. */
  cancel(): void;
}

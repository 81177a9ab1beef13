import type { SampleTable } from '../data/write-csv';
import type { Anchor, AnchorSet } from '../data/types';
import { VARIANTS } from '../config';

/**
 * What every method family (clot/, baselines/) shares, below both: rows, method ids, the
 * surrogate and sampler interfaces, training reports. Nothing here imports a method.
 */

/** The surrogate's baselines, selectable like the CLOT variants; identity (not moving) is the reference every method must beat. */
export const BASELINES = ['identity', 'nearest', 'mccann', 'cfm', 'ot-cfm', 'regression'] as const;
export type BaselineMethod = (typeof BASELINES)[number];

/** Every method `hti train --variant` accepts: the CLOT variants, then the baselines. */
export const METHODS = [...VARIANTS, ...BASELINES] as const;
export type Method = (typeof METHODS)[number];

/**
 * Where samples start: `n` rows of the first anchor (seeded), exactly the rows
 * `startIndex` of the first anchor, or caller-given rows at the first anchor
 * in data units (e.g. a new input's output at λ_0).
 */
export interface StartOptions {
  n?: number;
  seed?: number;
  startIndex?: Int32Array;
  startRows?: Omit<Anchor, 'lambda'>;
}

export interface PointSampler {
  readonly n: number;
  /** Outputs at λ (data units), one per start row, with the start rows' labels or conditions. */
  sample(lambda: number): Promise<SampleTable>;
}

/** What one training step of any surrogate reports. */
export interface TrainStep {
  /** Steps done after this one. */
  step: number;
  /** The loss the method minimises, where this step read it (reads cost a device sync, so not every method reads every step). */
  loss?: number;
  /** Every loss this step read, by name (CLOT: dual, residual, energy); each must be finite. */
  losses?: Record<string, number>;
}

/** A stretch of pre-training between its steps that can take long on big anchors (recoupling): what it is and how much of it is done. */
export interface PretrainStage {
  label: string;
  /** 0 … 1. */
  fraction: number;
}

/** Pre-training's report: steps done of total, and while a long stage between steps runs, that stage. */
export type PretrainProgress = (done: number, total: number, stage?: PretrainStage) => void;

/** Trains one surrogate in place: an optional abortable pre-training, then one step at a time. */
export interface SurrogateTrainer {
  pretrain(onProgress?: PretrainProgress, signal?: AbortSignal): Promise<void>;
  step(): Promise<TrainStep>;
  dispose(): void;
}

/** What is stored with a trained model about its training. */
export interface TrainingInfo {
  steps: number;
  seconds: number;
  backend: string;
  /** How well the trained surrogate reproduces each training anchor (surrogate/fidelity.ts), measured after training. */
  fidelity?: AnchorFidelity[];
}

/** Anything that predicts outputs at λ from start rows: a CLOT model or a baseline. */
export interface Surrogate {
  readonly method: Method;
  readonly data: AnchorSet;
  readonly lambdas: number[];
  /** Training steps taken so far. */
  readonly stepsDone: number;
  /** The training budget in steps (0 for methods with nothing to train); raising it lets training go on. */
  plannedSteps: number;
  /** A trainer for this surrogate's weights (only called when plannedSteps > 0). */
  trainer(): SurrogateTrainer;
  /** The model file (JSON-ready) that deserializeSurrogate reads back. */
  serialize(training: TrainingInfo): Promise<unknown>;
  sampler(opts?: StartOptions): PointSampler;
  dispose(): void;
}


/** The part of a surrogate that evaluation and fidelity read: what it is and how it samples. */
export type SamplingSurrogate = Pick<Surrogate, 'method' | 'data' | 'lambdas' | 'sampler'>;

/** Rows of one anchor (or any set of samples) prepared for the networks, in standardised units. */
export interface Rows {
  n: number;
  /** n × D standardised outputs. */
  y: Float32Array;
  label?: Int32Array;
  /** n × C standardised conditions. */
  c?: Float32Array;
}

/** How well a surrogate reproduces one of its own training anchors. */
export interface AnchorFidelity {
  lambda: number;
  /** Mean over condition groups of W2 (not squared) between the surrogate's samples and the anchor's rows. */
  w2: number;
  /** Mean over the same groups of the anchor's sampling floor (W2 between two random halves of its rows). */
  floor: number;
  /** w2 / floor: about 1 or below is within sampling noise; far above, the surrogate misses the anchor. */
  ratio: number;
  /** Mean over groups of spread(surrogate) / spread(anchor); NaN when no group of the anchor has a spread. */
  spreadRatio: number;
  /** Condition groups compared. */
  groups: number;
}

import type { Rng } from '../../random';
import type { BaselineMethod, Rows } from '../../sampling/types';
import type { BaselineModel } from '../model';

/** Where a λ falls: interval k, fraction s inside it, and τ (λ rescaled over the anchor range). */
export interface Position {
  k: number;
  s: number;
  tau: number;
}

/** What a baseline's sampler offers the strategies (sampler.ts). */
export interface SamplerTools {
  /** The start rows' outputs as given, in data units. */
  readonly startY: Float32Array;
  /** Start rows moved along the coupling chain to anchor k (standardised). */
  coupledAt(k: number): Float32Array;
  /** The regression network's output at τ for the start rows (standardised). */
  regress(tau: number): Promise<Float32Array>;
  /** The flow-matching velocity integrated from the first anchor to τ in interval k (standardised). */
  flow(k: number, tau: number): Promise<Float32Array>;
}

/** One training example of a network baseline, written into x and target at row `at`. */
export interface TrainingExample {
  /** The rows (and row) whose class or condition the example carries. */
  rows: Rows;
  row: number;
  tau: number;
}

export type ExampleWriter = (x: Float32Array, target: Float32Array, at: number) => TrainingExample;

/**
 * A baseline, declared once: which coupling of the anchors it needs, whether it has a network
 * (and how its training examples are drawn), and how it answers at λ.
 */
export interface BaselineStrategy {
  readonly method: BaselineMethod;
  /** 'chain': every anchor's rows coupled to the first anchor's; 'interval': consecutive anchors coupled. */
  readonly coupling: 'chain' | 'interval' | 'none';
  /** For network baselines: a writer of random training examples (x, target). */
  examples?(model: BaselineModel, rng: Rng): ExampleWriter;
  /** Outputs of the start rows at a position: standardised, or (identity) already in data units. */
  at(tools: SamplerTools, where: Position): Promise<{ y: Float32Array; units: 'standardised' | 'data' }>;
}

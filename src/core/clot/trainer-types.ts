import type { PretrainProgress } from '../sampling/types';

/** What one training step reports. */
export interface StepStats {
  step: number;
  /** Estimated transport cost: Σ_k of the semi-dual value, or of the mean coupled cost ½E² (coupled solver). */
  dual: number;
  /** Mean ‖T_k(y) − ŷ‖² over intervals (ŷ: the c-transform, or the coupled partner). */
  residual: number;
  /** Mean path energy E(y, ŷ). */
  energy: number;
  /** Path-network fit (mean energy), when it ran this step. */
  pathLoss?: number;
}

/** A CLOT solver: pre-training (abortable, resumable), one step at a time, then dispose. */
export interface Trainer {
  pretrain(onProgress?: PretrainProgress, signal?: AbortSignal): Promise<void>;
  step(): Promise<StepStats>;
  dispose(): void;
}

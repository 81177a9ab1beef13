import type { TrainState } from './worker/protocol';
import type { AnchorFidelity } from '../core/sampling/types';

/**
 * What the model is, as the UI says it: derived from the worker's TrainState and the step count.
 * The worker's 'ready' means "idle, nothing running"; with 0 steps that is an untrained surrogate,
 * never a usable one.
 */
export type ModelStatusKey = 'loading' | 'untrained' | 'pretraining' | 'training' | 'trained' | 'paused' | 'failed';

export interface ModelStatus {
  key: ModelStatusKey;
  /** Shown after "State:" (e.g. "trained 150 steps", "paused at 27"). */
  label: string;
  /** No training step has run on these weights: the views show nothing learned from the data. */
  untrained: boolean;
}

/** A run is going (pre-training or training steps): Pause applies; Train, Step and new settings wait. */
export const isRunning = (state: TrainState): boolean => state === 'training' || state === 'pretraining';

export function modelStatus(state: TrainState, steps: number): ModelStatus {
  const untrained = state !== 'empty' && steps === 0;
  switch (state) {
    case 'empty':
      return { key: 'loading', label: 'loading the model…', untrained: false };
    case 'ready':
      return steps === 0 ? { key: 'untrained', label: 'untrained', untrained } : { key: 'trained', label: `trained ${steps} step${steps === 1 ? '' : 's'}`, untrained };
    case 'pretraining':
      return { key: 'pretraining', label: 'pre-training', untrained };
    case 'training':
      return { key: 'training', label: 'training', untrained };
    case 'paused':
      return { key: 'paused', label: `paused at ${steps}${steps === 0 ? ' (untrained)' : ''}`, untrained };
    case 'failed':
      return { key: 'failed', label: 'failed', untrained };
  }
}

/**
 * Ratio of W2 to the sampling floor above which an anchor counts as missed (the CLI's
 * FIDELITY_LIMIT in src/cli/commands.ts, which warns at the same value).
 */
export const FIDELITY_LIMIT = 1.25;

/** Anchors the surrogate misses: W2 above FIDELITY_LIMIT sampling floors, or not finite. */
export function missedAnchors(fidelity: AnchorFidelity[]): AnchorFidelity[] {
  return fidelity.filter((f) => !Number.isFinite(f.ratio) || f.ratio > FIDELITY_LIMIT);
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));
function howFar(f: AnchorFidelity): string {
  if (Number.isFinite(f.ratio)) return `W2 ${f.ratio >= 10 ? f.ratio.toFixed(0) : f.ratio.toFixed(1)}× the sampling noise`;
  if (Number.isNaN(f.ratio)) return 'W2 is not a number';
  return `W2 ${fmt(f.w2)} where the sampling noise is 0`;
}

/** "The surrogate misses the anchor λ = 0.5 (W2 3.2× the sampling noise): its interpolation is not trustworthy." */
export function fidelityWarning(missed: AnchorFidelity[]): string {
  const parts = missed.map((f) => `λ = ${fmt(f.lambda)} (${howFar(f)})`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `The surrogate misses ${missed.length === 1 ? 'the anchor' : 'the anchors'} ${list}: its interpolation is not trustworthy.`;
}

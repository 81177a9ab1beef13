import { HtiError } from '../errors';
import type { BaselineMethod } from '../sampling/types';
import { BASELINES } from '../sampling/types';

/** Settings of a baseline; the network settings matter only to cfm, ot-cfm and regression. */
export interface BaselineConfig {
  method: BaselineMethod;
  seed: number;
  /** Adam steps of the velocity (cfm, ot-cfm) or regression network. */
  iterations: number;
  lr: number;
  hidden: number[];
  batch: number;
  embedDim: number;
  /** Midpoint-rule steps per anchor interval when integrating the cfm / ot-cfm velocity. */
  odeSteps: number;
}

export const DEFAULT_BASELINE_CONFIG: Omit<BaselineConfig, 'method'> = {
  seed: 0,
  iterations: 2000,
  lr: 1e-3,
  hidden: [64, 64, 64],
  batch: 256,
  embedDim: 8,
  odeSteps: 16,
};

export function resolveBaselineConfig(c: Omit<Partial<BaselineConfig>, 'method'> & { method: string }): BaselineConfig {
  if (!(BASELINES as readonly string[]).includes(c.method)) throw new HtiError(`unknown baseline "${c.method}" (one of ${BASELINES.join(', ')})`);
  const out = { ...DEFAULT_BASELINE_CONFIG, ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) } as BaselineConfig;
  const posInt = (k: keyof BaselineConfig, min: number) => {
    const v = out[k] as number;
    if (!Number.isInteger(v) || v < min) throw new HtiError(`baseline setting ${k} must be an integer ≥ ${min}, got ${v}`);
  };
  posInt('iterations', 0);
  posInt('batch', 1);
  posInt('odeSteps', 1);
  posInt('embedDim', 1);
  if (!(out.lr > 0)) throw new HtiError(`baseline setting lr must be positive, got ${out.lr}`);
  if (!Array.isArray(out.hidden) || out.hidden.length === 0 || !out.hidden.every((h) => Number.isInteger(h) && h > 0)) {
    throw new HtiError('baseline setting hidden must be a non-empty list of positive integers');
  }
  return out;
}

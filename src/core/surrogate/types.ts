import type { SampleTable } from '../data/write-csv';
import type { Anchor, AnchorSet } from '../data/types';
import { VARIANTS } from '../config';

/** The surrogate's baselines, selectable like the CLOT variants; identity (not moving) is the reference every method must beat. */
export const BASELINES = ['identity', 'nearest', 'mccann', 'cfm', 'ot-cfm', 'regression'] as const;
export type BaselineMethod = (typeof BASELINES)[number];

/** Every method `hti train --variant` accepts: the CLOT variants, then the baselines. */
export const METHODS = [...VARIANTS, ...BASELINES] as const;
export type Method = (typeof METHODS)[number];

export function isBaseline(m: string): m is BaselineMethod {
  return (BASELINES as readonly string[]).includes(m);
}

export const METHOD_LABELS: Record<Method, string> = {
  full: 'CLOT K_θ − U (full)',
  metric: 'CLOT K_θ',
  euclidean: 'CLOT K_I',
  'euclidean+potential': 'CLOT K_I − U',
  'fixed-metric': 'CLOT fixed metric',
  'fixed-metric+potential': 'CLOT fixed metric − U',
  identity: 'Identity (not moving)',
  nearest: 'Nearest anchor',
  mccann: 'McCann (straight-line OT)',
  cfm: 'Conditional flow matching',
  'ot-cfm': 'OT flow matching (OT-CFM)',
  regression: 'Direct regression',
};

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

/** Anything that predicts outputs at λ from start rows: a CLOT model or a baseline. */
export interface Surrogate {
  readonly method: Method;
  readonly data: AnchorSet;
  readonly lambdas: number[];
  sampler(opts?: StartOptions): PointSampler;
  dispose(): void;
}

export interface FitProgress {
  done: number;
  total: number;
  loss: number;
}

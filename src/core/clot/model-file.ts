import type { MetricChoice } from '../geometry/straight-check';
import { resolveConfig, type ClotConfig } from '../config';
import { decodeAnchorSet, type EncodedAnchorSet } from '../data/encode';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import type { SerializedTensor } from '../nn/mlp';
import { isPotentialReason, POTENTIAL_REASONS, type PotentialReason } from '../geometry/potential-reason';
import type { TrainingInfo } from '../sampling/types';
import type { Normalization } from '../sampling/normalize';

// The model file's format and its validation, without the model itself (no tfjs): the UI thread
// checks a file here before it reaches the worker.

export const MODEL_FORMAT = 'hti-clot-model';
export const MODEL_VERSION = 1;

/** The potential's bandwidth h and weight α a model was trained with (standardised units): what its config's 'auto' resolved to. */
export interface ResolvedPotential {
  bandwidth: number;
  alpha: number;
  /**
   * Why 'auto' chose that weight (null for a weight set by number). Saved so that loading a file does
   * not trace the anchors' evidence again (up to a second on curved data); files from before it re-trace.
   */
  reason?: PotentialReason | null;
  /**
   * For a variant with a learned metric: whether it learned or was held at its straight start, with
   * paths on the transport spline or straight (geometry/straight-check.ts), and the skip-one ratio that
   * decided it. Files from before it was
   * saved learned whenever they have the metric network's weights.
   */
  metric?: MetricChoice;
}

/** The versioned model file: weights, config, anchors, normalisation and bounds. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  config: ClotConfig;
  data: EncodedAnchorSet;
  normalization: Normalization;
  bounds: { lo: number[]; hi: number[] };
  training: TrainingInfo;
  weights: Record<string, Record<string, SerializedTensor>>;
  /** The coupled solver's pairs per interval (partner row indices, int32 as base64), when trained with it. */
  coupling?: string[];
  /** Each pair's source row per interval (int32 as base64), where an anchor's rows repeat; absent: pair i starts at row i. */
  couplingSources?: string[];
  /** The calibrated timing's lingering exponent (model.linger), when not 0. */
  linger?: number;
  /** The sampling noise in each interval's mean coupled move (calibrated pace, three or more anchors): see move-noise.ts. */
  paceNoise?: number[];
  /** The same per condition group (class or recurring condition value) with two or more rows at every anchor; null where there are none. */
  paceGroupNoise?: Record<string, number[]> | null;
  /** What the model's 'auto' settings resolved to when it was saved (files from before it re-resolve on load). */
  resolved?: ResolvedPotential;
}

/**
 * Checks a model file's envelope, config and anchors without building any
 * network (no tfjs): cheap enough for the UI thread before handing the file on.
 */
export function readModelFile(doc: unknown, file = 'model'): { config: ClotConfig; data: AnchorSet; training: TrainingInfo; resolved?: ResolvedPotential } {
  const fail = (why: string): never => {
    throw new HtiError(`${file}: ${why}`);
  };
  const m = doc as Partial<ModelFile>;
  const baseline = (doc as { format?: string; method?: string } | null)?.format === 'hti-baseline-model';
  if (baseline) fail(`is a baseline model (${String((doc as { method?: string }).method)}), not a CLOT model; only hti sample and hti eval read baselines`);
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) fail(`is not an hti model file (expected "format": "${MODEL_FORMAT}")`);
  if (m.version !== MODEL_VERSION) fail(`has model format version ${String(m.version)}; this build reads version ${MODEL_VERSION}`);
  try {
    // A file saved before the width law keeps the widths it showed (a file keeps the choices it was trained with).
    const saved = m.config as Partial<ClotConfig> | undefined;
    const config = resolveConfig(saved && typeof saved === 'object' && !('widthProfile' in saved) ? { ...saved, widthProfile: 'linear' } : saved);
    const data = decodeAnchorSet(m.data!);
    if (!m.weights || typeof m.weights !== 'object') throw new Error('no weights');
    const training = m.training ?? { steps: 0, seconds: 0, backend: 'unknown' };
    return m.resolved === undefined ? { config, data, training } : { config, data, training, resolved: checkResolved(m.resolved) };
  } catch (e) {
    return fail(`has invalid contents (${(e as Error).message})`);
  }
}

/** The saved bandwidth and weight, checked (files from before they were saved have none). */
function checkResolved(r: unknown): ResolvedPotential {
  const { bandwidth, alpha, reason } = (r ?? {}) as Partial<ResolvedPotential>;
  if (typeof bandwidth !== 'number' || !(bandwidth > 0) || typeof alpha !== 'number' || !(alpha >= 0)) {
    throw new Error('resolved needs a bandwidth > 0 and an alpha ≥ 0');
  }
  const out: ResolvedPotential = { bandwidth, alpha };
  if (reason !== undefined) {
    if (reason !== null && !isPotentialReason(reason)) {
      throw new Error(`resolved.reason must be null or one of ${POTENTIAL_REASONS.join(', ')}, got ${JSON.stringify(reason)}`);
    }
    out.reason = reason;
  }
  const metric = (r as { metric?: unknown }).metric as ResolvedPotential['metric'] | undefined;
  if (metric !== undefined) {
    if (typeof metric?.learns !== 'boolean' || !(metric.ratio === null || typeof metric.ratio === 'number')) {
      throw new Error('resolved.metric needs learns (true or false) and ratio (a number or null)');
    }
    if (metric.spline !== undefined && (metric.spline !== true || metric.learns || alpha > 0)) {
      throw new Error('resolved.metric.spline may only be true, for a metric held at G = I without a potential');
    }
    if (metric.faint !== undefined && (metric.faint !== true || metric.learns || metric.spline || metric.ratio === null || alpha > 0)) {
      throw new Error('resolved.metric.faint may only be true, for a metric held at G = I without a potential, with a measured ratio');
    }
    out.metric = metric.spline
      ? { learns: false, ratio: metric.ratio, spline: true }
      : metric.faint
        ? { learns: false, ratio: metric.ratio, faint: true }
        : { learns: metric.learns, ratio: metric.ratio };
  }
  return out;
}

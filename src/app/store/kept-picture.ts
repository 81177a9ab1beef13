import type { ClotConfig } from '../../core/config';
import { isRunning } from '../model-status';
import type { TrainState } from '../worker/protocol';
import type { AppState } from './store';

/** What the model-driven views draw of a model: its last snapshot, the metric grid, its config and what its 'auto' settings chose (the metric view says when its metric was held). */
export type PictureFields = 'snapshot' | 'snapshotLabels' | 'snapshotConds' | 'snapshotStep' | 'metricField' | 'config' | 'modelResolved';
export type Picture = Pick<AppState, PictureFields>;

/**
 * The previous model's picture, kept on the views after a setting that restarts training (α, h,
 * seed, variant) replaced a trained model on the same data, until the new model publishes a
 * picture of its own: a trained one, or the straight-line one its training starts with. The
 * potential U is not learned (it is the data's density under the current α and h), so it is not kept.
 */
export type KeptPicture = Picture & { config: ClotConfig };

/** The picture the model-driven views draw: the kept one while there is one, else the current model's. */
export const shownPicture = (s: Picture & Pick<AppState, 'keptPicture'>): Picture => s.keptPicture ?? s;

/** Which model run the shown picture belongs to: the kept picture while there is one, else the current run (its loss history). */
export const shownRun = (s: Pick<AppState, 'keptPicture' | 'history'>): object => s.keptPicture ?? s.history;

/**
 * The picture to keep when a restart setting replaces the model: the current one where the model
 * has trained and its last snapshot shows that, else one kept already (two changes before Train).
 */
export function pictureToKeep(s: AppState): KeptPicture | null {
  const { snapshot, snapshotLabels, snapshotConds, snapshotStep, metricField, config, modelResolved } = s;
  if (s.steps > 0 && snapshot && snapshotStep > 0 && config) return { snapshot, snapshotLabels, snapshotConds, snapshotStep, metricField, config, modelResolved };
  return s.keptPicture;
}

/** The worker's line for the 'pretraining' state when the views show straight-line optimal transport (clot-session.ts). */
export const showsStraightLine = (state: TrainState, message: string | null | undefined) => isRunning(state) && /straight-line/.test(message ?? '');

/**
 * How far the model whose picture the views show has learned, one rule for every view and the tour:
 * 'kept' (a trained model's picture kept while its replacement starts), 'loading' (no model yet),
 * 'missing' (none could be built), 'untrained', 'partial' (trained some of its steps, or paused)
 * or 'trained' (its full budget).
 */
export type PictureProgress = 'kept' | 'loading' | 'missing' | 'untrained' | 'partial' | 'trained';
export function pictureProgress(s: Pick<AppState, 'keptPicture' | 'trainState' | 'modelMissing' | 'steps' | 'config'>): PictureProgress {
  if (s.keptPicture) return 'kept';
  if (s.modelMissing) return 'missing';
  if (s.trainState === 'empty') return 'loading';
  if (s.steps === 0) return 'untrained';
  return s.steps < (s.config?.iterations ?? 0) ? 'partial' : 'trained';
}

/** Train and Step (buttons and shortcuts) have a model to run: one is installed, built, and not running. */
export const canTrain = (s: Pick<AppState, 'trainState' | 'modelMissing'>) => s.trainState !== 'empty' && !isRunning(s.trainState) && !s.modelMissing;

/**
 * What the shown model's paths are, one rule for the geodesics caption and the tour: 'spline' (a cubic
 * through each sample's coupled anchors), 'straight' (G = I and no potential: nothing bends them) or
 * 'learned' (a learned metric or the potential bends them).
 */
export function pathKind(s: Picture & Pick<AppState, 'keptPicture'>): 'spline' | 'straight' | 'learned' {
  const { modelResolved: r, config } = shownPicture(s);
  if (r?.metric?.spline) return 'spline';
  return r?.alpha === 0 && (config?.variant === 'euclidean' || r.metric?.learns === false) ? 'straight' : 'learned';
}

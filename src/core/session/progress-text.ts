import type { PretrainStage } from '../sampling/types';

/** Seconds as m:ss (rounded to the second first, so 119.6 s reads 2:00, never 1:60); `missing` where unknown. */
export function clock(seconds: number, missing = '–'): string {
  if (!Number.isFinite(seconds)) return missing;
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A pre-training stage as people read it: "recoupling the anchors along the learned paths 40 %" (the share is floored, so 100 % means done; a no-break space keeps "40 %" on one line). */
export function stageText(stage: PretrainStage): string {
  return `${stage.label} ${Math.floor(100 * stage.fraction)}\u00a0%`;
}

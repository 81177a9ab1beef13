import type { StateCreator } from 'zustand';
import { evaluateSnapshot } from '../../core/clot/snapshot';
import type { AnchorSet } from '../../core/data/types';
import type { BaselineMethod } from '../../core/sampling/types';
import type { SampleTrack } from '../../core/surrogate/track';
import type { AppState } from './store';
import { shownPicture, shownRun } from './kept-picture';

/**
 * The comparison panel beside the outputs view: the surrogate's outputs pinned at one λ, or a
 * baseline's at the slider's λ, drawn in the live view's frame. Worker calls (a baseline's
 * samples) are in compare-actions.ts; this slice holds only what is shown.
 */

/** The surrogate's outputs as they were drawn at one λ, frozen: the numbers, not the model. */
export interface PinnedOutputs {
  /** The λ they were drawn at (the slider's, within the model's anchors). */
  lambda: number;
  /** Every output row at λ (n × D, data units), so other shown dims and class filters still apply. */
  y: Float32Array;
  labels: Int32Array | null;
  conds: Float32Array | null;
  /** Training step of the model they came from (0: untrained). */
  step: number;
  /** That model's run (its loss history: Reset, a new dataset or a loaded file start a new one). */
  run: object;
  /** The dataset they belong to: a pin never outlives it. */
  data: AnchorSet;
}

/** What the comparison panel shows: the pinned outputs, or a baseline at the slider's λ. */
export type CompareSource = 'pinned' | BaselineMethod;

export interface CompareSlice {
  /** What the panel shows, or null while it is closed. */
  compareSource: CompareSource | null;
  pinned: PinnedOutputs | null;
  /** The baseline's samples along λ (built by the overlay worker), or null. */
  compareTrack: SampleTrack | null;
  compareStatus: 'idle' | 'building' | 'ready' | 'failed';
  compareError: string | null;
  /** Freezes the outputs the view shows now (at the slider's λ) and shows them in the panel. */
  pinOutputs: () => void;
  /** Closes the panel and forgets the pin. */
  closeCompare: () => void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set) => ({
  compareSource: null,
  pinned: null,
  compareTrack: null,
  compareStatus: 'idle',
  compareError: null,
  pinOutputs: () =>
    set((s) => {
      // What the outputs view draws: the kept previous model's picture while one is kept.
      const { snapshot, snapshotLabels, snapshotConds, snapshotStep } = shownPicture(s);
      const { data } = s;
      if (!snapshot || !data) return {};
      // The λ the outputs view draws (outputMarks clamps the slider to the model's anchors).
      const ls = snapshot.lambdas;
      const lambda = Math.min(Math.max(s.settings.lambda ?? ls[0], ls[0]), ls[ls.length - 1]);
      const pinned: PinnedOutputs = { lambda, y: evaluateSnapshot(snapshot, lambda), labels: snapshotLabels, conds: snapshotConds, step: snapshotStep, run: shownRun(s), data };
      return { pinned, compareSource: 'pinned' };
    }),
  closeCompare: () => set({ compareSource: null, pinned: null }),
});

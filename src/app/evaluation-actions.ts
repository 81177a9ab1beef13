import { DEFAULT_BASELINE_CONFIG } from '../core/baselines/config';
import { presetShown } from './store/data-origin';
import { PRESETS } from '../core/datasets/presets';
import type { BaselineMethod, Method } from '../core/sampling/types';
import type { SampleTrack } from '../core/surrogate/track';
import { configFrom } from './settings/schema';
import { useStore } from './store/store';
import { EvaluationClient } from './worker/eval-client';

/**
 * What the evaluation panel and the overlay toggle do. The evaluation
 * workers start on first use (most sessions never need them).
 */
let client: EvaluationClient | null = null;
const get = () => useStore.getState();

function evaluation(): EvaluationClient {
  if (!client) {
    client = new EvaluationClient(get().settings.backend);
    // A new dataset makes a running study and the overlay stale: stop the one, rebuild the other.
    useStore.subscribe((s, prev) => {
      if (s.data === prev.data) return;
      if (prev.evalStatus === 'running') client!.forget();
      if (s.data && s.overlayMethod) client!.overlay(s.overlayMethod, s.data, overlaySamples(), DEFAULT_BASELINE_CONFIG.iterations);
    });
  }
  return client;
}

/** As many overlay samples as the surrogate's snapshot shows, so both layers start from the same rows. */
function overlaySamples(): number {
  const { data, snapshot } = get();
  return snapshot?.n ?? Math.max(data?.anchors[0].n ?? 0, 4000);
}

export interface StudyChoice {
  holdOut: number[];
  mode: 'each' | 'together';
  methods: Method[];
  /** CLOT training steps per split. */
  clotSteps: number;
  /** Network steps of cfm, ot-cfm and regression. */
  baselineSteps: number;
}

export function runEvaluation(choice: StudyChoice) {
  const { data, settings } = get();
  if (!data) return;
  const truthPreset = presetShown(get()) && PRESETS[settings.preset].truth ? settings.preset : null;
  evaluation().evaluate({
    data,
    truthPreset,
    holdOut: choice.holdOut,
    mode: choice.mode,
    methods: choice.methods,
    config: { ...configFrom(settings), iterations: choice.clotSteps },
    baselineIterations: choice.baselineSteps,
  });
}

export const cancelEvaluation = () => client?.cancel();

export function setOverlay(method: BaselineMethod | null) {
  useStore.setState({ overlayMethod: method, overlayTrack: null, overlayStatus: 'idle', overlayError: null });
  const data = get().data;
  if (method && data) evaluation().overlay(method, data, overlaySamples(), DEFAULT_BASELINE_CONFIG.iterations);
  // No workers are started just to cancel nothing.
  else client?.cancelOverlay();
}

/** A baseline's samples along λ for the comparison panel: built as the overlay's are (same worker, same rows), or null without data. */
export function baselineTrack(method: BaselineMethod): Promise<SampleTrack> | null {
  const data = get().data;
  return data ? evaluation().track(method, data, overlaySamples(), DEFAULT_BASELINE_CONFIG.iterations) : null;
}

import type { AppState } from './store';

/**
 * Whether the data on show is the chosen preset's own (a built-in dataset), one rule for every place
 * that asks: its knob's name on the slider, its truth in the evaluation, and what a link can carry
 * (a link opens the preset, so it carries λ only with the preset's data).
 */
export const presetShown = (s: Pick<AppState, 'data' | 'settings'>): boolean => s.data !== null && s.data.source === s.settings.preset;

/** The name of the data on show where it is not the preset's (an upload, the demo mode's networks), else null. */
export const ownDataName = (s: Pick<AppState, 'data' | 'settings'>): string | null => (s.data && !presetShown(s) ? s.data.source : null);

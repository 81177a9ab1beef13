import { changeSetting } from './actions';
import { useStore } from './store/store';

/**
 * Presentation mode (settings.present, `?present=1`): large type and views, only the slider,
 * Train/Pause and the views (presentation.css hangs on `<html data-present>`).
 */
export function togglePresentation(): void {
  changeSetting('present', !useStore.getState().settings.present);
}

/** Escape's meaning outside dialogs: an open dialog (the tour, the shortcuts list) takes Escape first. */
export function leavePresentation(): void {
  if (!useStore.getState().settings.present) return;
  if (document.querySelector('dialog[open], [role="dialog"]')) return;
  changeSetting('present', false);
}

/**
 * Keeps `<html data-present>` in step with the setting: on the root element so that the larger
 * root font size (every rem in app.css) applies to the whole page. Call once before the first render.
 */
export function followPresentation(): void {
  const apply = (on: boolean) => {
    if (on) document.documentElement.dataset.present = '';
    else delete document.documentElement.dataset.present;
  };
  apply(useStore.getState().settings.present);
  useStore.subscribe((s, prev) => {
    if (s.settings.present !== prev.settings.present) apply(s.settings.present);
  });
}

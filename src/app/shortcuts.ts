import { pause, setLambda, step, train } from './actions';
import { isRunning } from './model-status';
import { keyTarget } from './components/LambdaSlider';
import { leavePresentation, togglePresentation } from './presentation';
import { canTrain } from './store/kept-picture';
import { useStore } from './store/store';

/**
 * The keyboard shortcuts: one table that both the key handler and the help dialog read, so
 * the help can never list a key that does something else.
 */
export interface Shortcut {
  /** KeyboardEvent.key as typed (letters compared case-insensitively). */
  key: string;
  description: string;
  run: () => void;
}

const get = () => useStore.getState();
const busy = () => isRunning(get().trainState);

/** As the Train and Pause buttons: pause a running model, else train (only where Train is enabled: canTrain). */
function trainOrPause() {
  if (busy()) pause();
  else if (canTrain(get())) train();
}

/** As the Step button, enabled by the same rule as Train. */
function stepOnce() {
  if (canTrain(get())) step();
}

/** Moves λ as Page Up / Page Down on the slider do: onto the next or previous anchor. */
function goToAnchor(key: 'PageUp' | 'PageDown') {
  const { data, settings } = get();
  if (!data) return;
  const anchors = data.anchors.map((a) => a.lambda);
  const target = keyTarget(key, settings.lambda ?? anchors[0], anchors[0], anchors[anchors.length - 1], anchors);
  if (target !== null) setLambda(target);
}

/** Brings the next view card (after the one holding focus) into sight and focus, wrapping round. */
function showNextView() {
  const cards = [...document.querySelectorAll<HTMLElement>('.view-card')];
  if (!cards.length) return;
  const current = cards.findIndex((c) => c.contains(document.activeElement));
  const next = cards[(current + 1) % cards.length];
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: 't', description: 'Train, or pause a running model', run: trainOrPause },
  { key: 's', description: 'One training step', run: stepOnce },
  { key: 'p', description: 'Play or stop the λ sweep', run: () => get().setView({ sweeping: !get().sweeping }) },
  { key: ']', description: 'λ to the next anchor', run: () => goToAnchor('PageUp') },
  { key: '[', description: 'λ to the previous anchor', run: () => goToAnchor('PageDown') },
  { key: 'v', description: 'Show the next view', run: showNextView },
  { key: 'l', description: 'Straight-line paths on or off', run: () => get().setView({ showStraight: !get().showStraight }) },
  { key: 'f', description: 'Presentation mode on or off (for projecting)', run: togglePresentation },
  { key: 'Escape', description: 'Leave presentation mode', run: leavePresentation },
  { key: '?', description: 'This list of shortcuts', run: () => get().setView({ shortcutsOpen: true }) },
];

/** Fields where a key is text being typed (or a choice in a list), never a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Checkboxes, radios and buttons take no letters, so shortcuts still work after clicking one.
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/** The shortcut a key press asks for, or null (typing, a modifier held, a held-down repeat, or the help is open). */
export function shortcutFor(e: KeyboardEvent): Shortcut | null {
  if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  // The open list handles its own keys (Escape closes it). Asked of the page, not the store: the store
  // hears of the close only from the dialog's close event, a task later, and an Escape pressed in
  // between (the second of two quick ones) must already leave presentation mode.
  if (document.querySelector('dialog.shortcuts-dialog[open]')) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return SHORTCUTS.find((s) => s.key === key) ?? null;
}

import type { BaselineMethod } from '../core/sampling/types';
import { baselineTrack } from './evaluation-actions';
import type { CompareSource } from './store/compare';
import { useStore } from './store/store';
import { workerMessage } from './worker/client';

/**
 * What the comparison panel does beyond its slice (store/compare.ts): a baseline's samples come
 * from the overlay worker (or the overlay itself, when it shows the same baseline), and a new
 * dataset drops the pin (its picture belongs to other data) and rebuilds the baseline.
 */
const get = () => useStore.getState();
const set = useStore.setState;
/** The latest baseline request; an older one's result is dropped. */
let request = 0;

/** Shows `source` in the comparison panel (opening it): the pinned outputs, or a baseline at the slider's λ. */
export function compareWith(source: CompareSource) {
  if (source === 'pinned') {
    if (get().pinned) set({ compareSource: 'pinned' });
    return;
  }
  set({ compareSource: source });
  build(source);
}

function build(method: BaselineMethod) {
  const s = get();
  if (s.compareTrack?.method === method) return void set({ compareStatus: 'ready', compareError: null });
  if (s.overlayTrack?.method === method) return void set({ compareTrack: s.overlayTrack, compareStatus: 'ready', compareError: null });
  const pending = baselineTrack(method);
  if (!pending) return;
  const id = ++request;
  set({ compareTrack: null, compareStatus: 'building', compareError: null });
  pending.then(
    (track) => id === request && set({ compareTrack: track, compareStatus: 'ready' }),
    (e) => id === request && set({ compareStatus: 'failed', compareError: workerMessage(e) }),
  );
}

useStore.subscribe((s, prev) => {
  if (s.data === prev.data || (!s.compareSource && !s.pinned && !s.compareTrack)) return;
  request++;
  const source = s.compareSource;
  set({ pinned: null, compareTrack: null, compareStatus: 'idle', compareError: null, compareSource: source === 'pinned' ? null : source });
  if (source && source !== 'pinned' && s.data) build(source);
});

import * as Comlink from 'comlink';
import type { AnchorSet } from '../../core/data/types';
import type { BaselineMethod } from '../../core/sampling/types';
import type { SampleTrack } from '../../core/surrogate/track';
import { useStore } from '../store/store';
import { workerMessage } from './client';
import type { EvalCell, EvalRequest, EvaluationApi, StudySink } from './eval-protocol';
import type { BackendChoice } from './protocol';

const set = useStore.setState;
const get = useStore.getState;

/**
 * The UI side of the evaluation workers: one runs hold-out studies, the
 * other builds baseline overlays, so neither waits for the other and the
 * training worker (the user's model) is never involved. Every call settles;
 * results of an outdated request (an older id) are ignored.
 */
export class EvaluationClient {
  private readonly study: Comlink.Remote<EvaluationApi>;
  private readonly overlays: Comlink.Remote<EvaluationApi>;
  private studyId = 0;
  private overlayId = 0;

  constructor(backend: BackendChoice) {
    const make = (onCrash: (message: string) => void) => {
      const worker = new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module' });
      worker.onerror = (e) => onCrash(e.message);
      const api = Comlink.wrap<EvaluationApi>(worker);
      api.init(backend).catch((e) => onCrash(workerMessage(e)));
      return api;
    };
    this.study = make((m) => set({ evalStatus: 'failed', evalError: `the evaluation worker failed: ${m}` }));
    this.overlays = make((m) => set({ overlayStatus: 'failed', overlayError: `the overlay worker failed: ${m}` }));
  }

  evaluate(request: EvalRequest) {
    const id = ++this.studyId;
    const current = () => id === this.studyId;
    set({ evalStatus: 'running', evalCells: [], evalError: null, evalProgress: { label: 'starting', done: 0, total: 1 } });
    const sink: StudySink = Comlink.proxy({
      progress: (label: string, done: number, total: number) => void (current() && set({ evalProgress: { label, done, total } })),
      cells: (cells: EvalCell[], w2Method: string) =>
        void (current() && set({ evalCells: [...get().evalCells, ...cells], evalW2Method: w2Method })),
    });
    this.study.evaluate(request, sink).then(
      (r) => current() && set({ evalStatus: r.cancelled ? 'cancelled' : 'done' }),
      (e) => current() && set({ evalStatus: 'failed', evalError: workerMessage(e) }),
    );
  }

  cancel() {
    void this.study.cancel();
  }

  /** Stops the running study and ignores anything it still sends (its dataset was replaced). */
  forget() {
    this.studyId++;
    void this.study.cancel();
  }

  /** Built baseline tracks, per dataset (a new dataset starts empty) and per method, sample count and steps. */
  private built = new WeakMap<AnchorSet, Map<string, SampleTrack>>();

  private cached(method: BaselineMethod, data: AnchorSet, n: number, iterations: number): { key: string; byData: Map<string, SampleTrack> } {
    let byData = this.built.get(data);
    if (!byData) this.built.set(data, (byData = new Map()));
    return { key: `${method}|${n}|${iterations}`, byData };
  }

  /** A baseline's samples along λ for another view (the comparison panel), built by the overlay worker without touching the overlay's state; one built before is reused. */
  track(method: BaselineMethod, data: AnchorSet, n: number, iterations: number): Promise<SampleTrack> {
    const { key, byData } = this.cached(method, data, n, iterations);
    const hit = byData.get(key);
    if (hit) return Promise.resolve(hit);
    return this.overlays.overlay(method, data, n, iterations).then((track) => {
      byData.set(key, track);
      return track;
    });
  }

  /**
   * Shows a baseline's samples as the overlay: at once where this dataset's track was built before,
   * else built with its progress shown. Choosing another overlay (or none: cancelOverlay) stops a
   * build still running, so the new one never waits behind it.
   */
  overlay(method: BaselineMethod, data: AnchorSet, n: number, iterations: number) {
    const id = ++this.overlayId;
    const current = () => id === this.overlayId;
    void this.overlays.cancelOverlay();
    const { key, byData } = this.cached(method, data, n, iterations);
    const hit = byData.get(key);
    if (hit) {
      set({ overlayTrack: hit, overlayStatus: 'ready', overlayError: null, overlayProgress: null });
      return;
    }
    set({ overlayStatus: 'building', overlayError: null, overlayTrack: null, overlayProgress: 0 });
    const progress = Comlink.proxy((fraction: number) => void (current() && set({ overlayProgress: fraction })));
    this.overlays.overlay(method, data, n, iterations, progress, true).then(
      (track) => {
        byData.set(key, track);
        if (current()) set({ overlayTrack: track, overlayStatus: 'ready', overlayError: null, overlayProgress: null });
      },
      (e) => current() && set({ overlayStatus: 'failed', overlayError: workerMessage(e), overlayProgress: null }),
    );
  }

  /** No overlay now: a build still running stops, and anything it sends is ignored. */
  cancelOverlay() {
    this.overlayId++;
    void this.overlays.cancelOverlay();
    set({ overlayProgress: null });
  }
}

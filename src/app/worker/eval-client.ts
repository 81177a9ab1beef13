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

  /**
   * Baseline tracks per dataset (a new dataset starts empty), keyed by method, sample count and
   * steps: built ones, at most KEPT_TRACKS per dataset (the last used), and builds still running,
   * which a second request for the same track joins instead of queueing a second build.
   */
  private built = new WeakMap<AnchorSet, Map<string, SampleTrack>>();
  private running = new WeakMap<AnchorSet, Map<string, { promise: Promise<SampleTrack>; abortable: boolean }>>();

  private keyOf(method: BaselineMethod, n: number, iterations: number) {
    return `${method}|${n}|${iterations}`;
  }

  private lookup(data: AnchorSet, key: string): SampleTrack | undefined {
    const byData = this.built.get(data);
    const hit = byData?.get(key);
    if (hit) {
      // Most recently used last.
      byData!.delete(key);
      byData!.set(key, hit);
    }
    return hit;
  }

  private keep(data: AnchorSet, key: string, track: SampleTrack) {
    let byData = this.built.get(data);
    if (!byData) this.built.set(data, (byData = new Map()));
    byData.delete(key);
    byData.set(key, track);
    while (byData.size > KEPT_TRACKS) byData.delete(byData.keys().next().value!);
  }

  /** Starts a build in the overlay worker (or joins one running), keeping its track when it lands. */
  private build(method: BaselineMethod, data: AnchorSet, n: number, iterations: number, abortable: boolean, progress?: (fraction: number) => void): Promise<SampleTrack> {
    const key = this.keyOf(method, n, iterations);
    let byData = this.running.get(data);
    if (!byData) this.running.set(data, (byData = new Map()));
    const joined = byData.get(key);
    // Join a build nobody can cancel (the comparison panel's); an overlay build still running here was
    // cancelled by the overlay request that asks again (track() joins those itself, surviving a cancel).
    if (joined && !joined.abortable) return joined.promise;
    const proxy = progress ? Comlink.proxy(progress) : undefined;
    const promise = this.overlays.overlay(method, data, n, iterations, proxy, abortable).then((track) => {
      this.keep(data, key, track);
      return track;
    });
    const entry = { promise, abortable };
    byData.set(key, entry);
    const done = () => byData.get(key) === entry && byData.delete(key);
    promise.then(done, done);
    return promise;
  }

  /** A baseline's samples along λ for another view (the comparison panel), built by the overlay worker without touching the overlay's state; one built or building is reused. */
  track(method: BaselineMethod, data: AnchorSet, n: number, iterations: number): Promise<SampleTrack> {
    const key = this.keyOf(method, n, iterations);
    const hit = this.lookup(data, key);
    if (hit) return Promise.resolve(hit);
    const joined = this.running.get(data)?.get(key);
    // An overlay build the user may cancel: if it is, this build starts on its own.
    if (joined?.abortable) return joined.promise.catch(() => this.build(method, data, n, iterations, false));
    return this.build(method, data, n, iterations, false);
  }

  /**
   * Shows a baseline's samples as the overlay: at once where this dataset's track was built before,
   * else built with its progress shown (or joined, where the comparison panel is building it).
   * Choosing another overlay (or none: cancelOverlay) stops an overlay build still running, so the new
   * one does not wait behind it (a comparison panel's build cannot be stopped; one may still run first).
   */
  overlay(method: BaselineMethod, data: AnchorSet, n: number, iterations: number) {
    const id = ++this.overlayId;
    const current = () => id === this.overlayId;
    void this.overlays.cancelOverlay();
    const hit = this.lookup(data, this.keyOf(method, n, iterations));
    if (hit) {
      set({ overlayTrack: hit, overlayStatus: 'ready', overlayError: null, overlayProgress: null });
      return;
    }
    set({ overlayStatus: 'building', overlayError: null, overlayTrack: null, overlayProgress: 0 });
    const progress = (fraction: number) => void (current() && set({ overlayProgress: fraction }));
    this.build(method, data, n, iterations, true, progress).then(
      (track) => current() && set({ overlayTrack: track, overlayStatus: 'ready', overlayError: null, overlayProgress: null }),
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

/** Baseline tracks kept per dataset: a network baseline's is 16 λ per interval × the samples × D floats (megabytes on large data). */
const KEPT_TRACKS = 3;

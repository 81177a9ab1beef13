import type { AnchorSet } from '../../core/data/types';
import type { BaselineMethod } from '../../core/surrogate/types';
import { useStore } from '../store/store';
import type { EvalRequest, FromEvalWorker, ToEvalWorker } from './eval-protocol';
import type { BackendChoice } from './protocol';

/**
 * The UI side of the evaluation workers: one runs hold-out studies, the
 * other builds baseline overlays, so neither waits for the other and the
 * training worker (the user's model) is never involved. Replies from an
 * outdated request (an older id) are ignored.
 */
export class EvaluationClient {
  private readonly study: Worker;
  private readonly overlays: Worker;
  private studyId = 0;
  private overlayId = 0;

  constructor(backend: BackendChoice) {
    const make = () => new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module' });
    this.study = make();
    this.overlays = make();
    for (const w of [this.study, this.overlays]) {
      w.onmessage = (e: MessageEvent<FromEvalWorker>) => this.receive(e.data);
      this.send(w, { type: 'init', backend });
    }
    this.study.onerror = (e) => useStore.setState({ evalStatus: 'failed', evalError: `the evaluation worker crashed: ${e.message}` });
    this.overlays.onerror = (e) => useStore.setState({ overlayStatus: 'failed', overlayError: `the overlay worker crashed: ${e.message}` });
  }

  private send(w: Worker, msg: ToEvalWorker) {
    w.postMessage(msg);
  }

  private receive(msg: FromEvalWorker) {
    const set = useStore.setState;
    const get = useStore.getState;
    switch (msg.type) {
      case 'backend':
        break;
      case 'eval-progress':
        if (msg.id === this.studyId) set({ evalProgress: { label: msg.label, done: msg.done, total: msg.total } });
        break;
      case 'eval-cells':
        if (msg.id === this.studyId) set({ evalCells: [...get().evalCells, ...msg.cells], evalW2Method: msg.w2Method });
        break;
      case 'eval-done':
        if (msg.id === this.studyId) set({ evalStatus: msg.cancelled ? 'cancelled' : 'done' });
        break;
      case 'eval-error':
        if (msg.id === this.studyId) set({ evalStatus: 'failed', evalError: msg.message });
        break;
      case 'overlay':
        if (msg.id === this.overlayId) set({ overlayTrack: msg.track, overlayStatus: 'ready', overlayError: null });
        break;
      case 'overlay-error':
        if (msg.id === this.overlayId) set({ overlayStatus: 'failed', overlayError: msg.message });
        break;
    }
  }

  evaluate(request: EvalRequest) {
    const id = ++this.studyId;
    useStore.setState({ evalStatus: 'running', evalCells: [], evalError: null, evalProgress: { label: 'starting', done: 0, total: 1 } });
    this.send(this.study, { type: 'evaluate', id, request });
  }

  cancel() {
    this.send(this.study, { type: 'cancel' });
  }

  /** Stops the running study and ignores anything it still sends (its dataset was replaced). */
  forget() {
    this.studyId++;
    this.send(this.study, { type: 'cancel' });
  }

  overlay(method: BaselineMethod, data: AnchorSet, n: number, iterations: number) {
    const id = ++this.overlayId;
    useStore.setState({ overlayStatus: 'building', overlayError: null, overlayTrack: null });
    this.send(this.overlays, { type: 'overlay', id, method, data, n, iterations });
  }
}

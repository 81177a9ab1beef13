import type { ModelFile } from '../../core/clot/serialize';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import { useStore } from '../store/store';
import type { BackendChoice, FieldRequest, FromWorker, ToWorker } from './protocol';

/**
 * The UI side of the worker boundary: typed sends, and replies folded into
 * the store. Request/response pairs (save, fields) carry ids.
 */
export class TrainingClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (msg: FromWorker) => void>();

  constructor() {
    this.worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => useStore.setState({ workerError: `the training worker crashed: ${e.message}`, trainState: 'failed' });
  }

  private send(msg: ToWorker) {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker) {
    const set = useStore.setState;
    switch (msg.type) {
      case 'backend':
        set({ backend: { name: msg.name, reason: msg.reason } });
        break;
      case 'state':
        // A message belongs to the state it came with; an error from an earlier action no longer
        // applies once training is running again.
        set({
          trainState: msg.state,
          trainMessage: msg.message ?? null,
          ...(msg.state === 'training' || msg.state === 'pretraining' ? { workerError: null } : {}),
        });
        break;
      case 'fidelity':
        set({ fidelity: msg.fidelity });
        break;
      case 'progress': {
        const { phase, done, total, stepsPerSecond, etaSeconds, stats } = msg;
        const s = useStore.getState();
        set({
          progress: { phase, done, total, stepsPerSecond, etaSeconds },
          ...(stats ? { history: [...s.history, stats], steps: stats.step } : {}),
        });
        break;
      }
      case 'snapshot':
        set({ snapshot: msg.snapshot, snapshotLabels: msg.labels, snapshotConds: msg.conds, snapshotStep: msg.step });
        break;
      case 'model-info': {
        // A loaded model file brings its own anchors: they become the dataset shown.
        const current = useStore.getState().data;
        if (!current || current.source !== msg.data.source || current.anchors.length !== msg.data.anchors.length || current.dimY !== msg.data.dimY) {
          useStore.getState().setData(msg.data);
        }
        set({ config: msg.config, steps: msg.steps });
        break;
      }
      case 'error':
        set({ workerError: msg.message });
        break;
      case 'saved':
      case 'fields':
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
        break;
    }
  }

  init(backend: BackendChoice) {
    this.send({ type: 'init', backend });
  }

  setData(data: AnchorSet, config: Partial<ClotConfig>) {
    useStore.setState({ history: [], progress: null, steps: 0, workerError: null, fidelity: null, trainMessage: null });
    this.send({ type: 'set-data', data, config });
  }

  loadModel(file: ModelFile) {
    useStore.setState({ history: [], progress: null, workerError: null, fidelity: null, trainMessage: null });
    this.send({ type: 'load-model', file });
  }

  train() {
    this.send({ type: 'train' });
  }

  pause() {
    this.send({ type: 'pause' });
  }

  step(count = 1) {
    this.send({ type: 'step', count });
  }

  updateConfig(config: Partial<ClotConfig>) {
    this.send({ type: 'update-config', config });
  }

  save(): Promise<ModelFile> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => m.type === 'saved' && resolve(m.file));
      this.send({ type: 'save', id });
    });
  }

  fields(request: FieldRequest): Promise<FromWorker & { type: 'fields' }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => m.type === 'fields' && resolve(m));
      this.send({ type: 'fields', id, request });
    });
  }
}

import * as Comlink from 'comlink';
import { useDemo } from '../store/demo';
import { workerMessage } from './client';
import type { CheckRequest, CheckResult, DemoApi, DemoSink, DemoTaskInfo, GenerateRequest, GenerateResult } from './demo-protocol';
import type { BackendChoice } from './protocol';

const setDemo = useDemo.setState;

/**
 * The UI side of the demo worker: typed calls through comlink, each of which settles (a worker
 * error, or the worker crashing, comes back as a rejection). Progress goes to the demo store;
 * results go to the caller.
 */
export class DemoClient {
  private readonly api: Comlink.Remote<DemoApi>;
  /** Rejects when the worker dies, so that no call waits for an answer that never comes. */
  private readonly crashed: Promise<never>;
  /** True once the worker has died: the next job starts a new one. */
  dead = false;
  private readonly sink: DemoSink = Comlink.proxy({
    progress: (p) => setDemo({ progress: p }),
    phase: (label) => setDemo({ progress: { label } }),
  });

  constructor(backend: BackendChoice) {
    const worker = new Worker(new URL('./demo.worker.ts', import.meta.url), { type: 'module' });
    this.crashed = new Promise<never>((_, reject) => {
      worker.onerror = (e) => {
        e.preventDefault();
        this.dead = true;
        worker.terminate();
        reject(new Error(`the demo worker failed: ${e.message || 'it stopped'}`));
      };
    });
    this.crashed.catch(() => undefined);
    this.api = Comlink.wrap<DemoApi>(worker);
    this.init(backend);
  }

  private settle<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.crashed]);
  }

  /** Starts (or switches) the worker's backend; a failure shows as the mode's error. */
  init(backend: BackendChoice) {
    this.settle(this.api.init(backend)).then(
      (b) => setDemo({ backend: b.name }),
      (e) => setDemo({ backend: null, error: `the demo worker's backend did not start: ${workerMessage(e)}` }),
    );
  }

  tasks(): Promise<DemoTaskInfo[]> {
    return this.settle(this.api.tasks());
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    return this.settle<GenerateResult>(this.api.generate(request, this.sink));
  }

  check(request: CheckRequest): Promise<CheckResult | { cancelled: true }> {
    return this.settle<CheckResult | { cancelled: true }>(this.api.check(request, this.sink));
  }

  cancel() {
    void this.api.cancel();
  }
}

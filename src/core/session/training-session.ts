import { HtiError, oneLine } from '../errors';
import type { Surrogate, SurrogateTrainer, TrainStep } from '../sampling/types';

/** Where a session is: no model, a model at rest, running, stopped part way, or stopped by a failure. */
export type SessionState = 'empty' | 'ready' | 'pretraining' | 'training' | 'paused' | 'failed';

export interface SessionProgress {
  phase: 'pretrain' | 'train';
  /** Steps (or pre-training steps) done in all. */
  done: number;
  total: number;
  /** Steps per second in this run, and the seconds left at that rate (NaN while pre-training). */
  stepsPerSecond: number;
  etaSeconds: number;
  /** The step's report (phase 'train'). */
  step?: TrainStep;
  /** While pre-training runs a long stage between its steps (recoupling): what, how far, and the seconds left of it. */
  stage?: { label: string; fraction: number; etaSeconds: number };
}

export interface SessionHooks {
  onState?(state: SessionState, message?: string): void;
  onProgress?(p: SessionProgress): void;
  /** Before pre-training starts (e.g. to show the picture the untrained model already has); may return a line for the 'pretraining' state. */
  beforePretrain?(s: Surrogate): Promise<string | undefined> | string | undefined;
  /** Before each step (test hook: failure injection). */
  beforeStep?(s: Surrogate): void;
  /** After each step, awaited before the next (e.g. to publish new weights now and then). */
  afterStep?(s: Surrogate, step: TrainStep): Promise<void> | void;
  /** When a run starts (e.g. to mark measurements of the old weights out of date). */
  onRunStart?(s: Surrogate): void;
  /**
   * When a run has ended, with the surrogate it left (the restored one after a failure); awaited
   * before the run's promise settles, so nothing replaces the model while this runs.
   */
  onRunEnd?(s: Surrogate, outcome: RunOutcome): Promise<void> | void;
}

export interface SessionOptions {
  /** Keep a restorable copy of the weights every this many steps (0: no checkpoints, a failure is only reported). */
  checkpointEvery?: number;
  /** Reads a checkpoint back (loadSurrogate); needed for restore-last-good. */
  restore?: (file: unknown) => Surrogate;
}

/** Longest a run keeps the event loop waiting between yields. */
const YIELD_EVERY_MS = 20;

/** How a run ended. */
export type RunOutcome = 'completed' | 'paused' | 'failed';

/**
 * One training session over one surrogate, the same for the CLI, the
 * benchmarks, the evaluation worker and the training worker: explicit
 * states, one step loop that yields to the event loop between steps (so a
 * pause, a signal or a worker message lands at a step boundary), rate and
 * ETA, checkpoints, and on a failed step (a non-finite loss, a lost device)
 * the last good weights restored and the state 'failed' with the reason.
 */
export class TrainingSession {
  state: SessionState = 'empty';
  /** What stopped the latest run, as thrown (so a caller can act on a typed error); null while it has not failed. */
  failure: unknown = null;
  /** Seconds spent in training steps on this surrogate, across runs. */
  seconds = 0;
  /** The tfjs backend recorded in checkpoints and saved files (set when it changes). */
  backend = '';
  private current: Surrogate | null = null;
  private trainer: SurrogateTrainer | null = null;
  private lastGood: unknown = null;
  private abort = new AbortController();
  private running: Promise<RunOutcome> | null = null;

  constructor(
    private readonly hooks: SessionHooks = {},
    private readonly opts: SessionOptions = {},
  ) {}

  get surrogate(): Surrogate | null {
    return this.current;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Stops any run, disposes the old surrogate and takes `s` (with `seconds` of training behind it) as the model at rest. */
  async install(s: Surrogate, seconds = 0): Promise<void> {
    await this.stop();
    this.release();
    this.current = s;
    this.seconds = seconds;
    this.lastGood = this.checkpointing ? await this.checkpoint() : null;
    this.setState('ready');
  }

  /** The surrogate's model file with its training so far (null without a surrogate). */
  async checkpoint(): Promise<unknown> {
    const s = this.current;
    if (!s) return null;
    return s.serialize({ steps: s.stepsDone, seconds: this.seconds, backend: this.backend });
  }

  /**
   * Trains: pre-training first if the surrogate has taken no step, then steps
   * until `steps` more are done (Step), or else until the surrogate's
   * planned steps (Train). Resolves with how it ended; never rejects for a
   * failed step (the state says 'failed' and the last good weights are back).
   * A call while a run is in flight returns that run.
   */
  run(opts: { steps?: number; signal?: AbortSignal } = {}): Promise<RunOutcome> {
    if (!this.current) return Promise.reject(new HtiError('there is no model to train'));
    if (this.running) return this.running;
    this.abort = new AbortController();
    this.failure = null;
    const outer = opts.signal;
    if (outer) {
      if (outer.aborted) this.abort.abort();
      else outer.addEventListener('abort', () => this.abort.abort(), { once: true });
    }
    this.hooks.onRunStart?.(this.current);
    this.running = this.loop(this.current, opts.steps)
      .then(async (outcome) => {
        if (this.current) await this.hooks.onRunEnd?.(this.current, outcome);
        return outcome;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Asks the run to stop: steps end at the next boundary, pre-training at its next chunk. */
  pause(): void {
    this.abort.abort();
  }

  /** Pauses and waits for the run to end. */
  async stop(): Promise<void> {
    this.pause();
    await this.running;
  }

  /** Stops, drops the trainer and hands the surrogate back undisposed (the caller owns it again). */
  async detach(): Promise<Surrogate | null> {
    await this.stop();
    const s = this.current;
    this.current = null;
    this.release();
    this.setState('empty');
    return s;
  }

  /** Stops, then disposes the surrogate. */
  async dispose(): Promise<void> {
    await this.stop();
    this.release();
    this.setState('empty');
  }

  private get checkpointing(): boolean {
    return (this.opts.checkpointEvery ?? 0) > 0;
  }

  private async loop(s: Surrogate, steps?: number): Promise<RunOutcome> {
    const signal = this.abort.signal;
    try {
      this.trainer ??= s.trainer();
      if (s.stepsDone === 0) {
        const note = await this.hooks.beforePretrain?.(s);
        this.setState('pretraining', note || undefined);
        const t0 = performance.now();
        // A stage's seconds are kept out of the steps' rate; the ETA is the stage's rest plus the steps left.
        let stage: { label: string; since: number } | null = null;
        let stageSeconds = 0;
        await this.trainer.pretrain((done, total, st) => {
          const now = performance.now();
          if (st && stage?.label !== st.label) stage = { label: st.label, since: now };
          const inStage = st && stage ? (now - stage.since) / 1000 : 0;
          const rate = done / Math.max((now - t0) / 1000 - stageSeconds - inStage, 1e-9);
          const stageLeft = st ? (st.fraction > 0 ? (inStage * (1 - st.fraction)) / st.fraction : Number.NaN) : 0;
          this.hooks.onProgress?.({
            phase: 'pretrain',
            done,
            total,
            stepsPerSecond: rate,
            etaSeconds: stageLeft + (total - done) / rate,
            ...(st ? { stage: { label: st.label, fraction: st.fraction, etaSeconds: stageLeft } } : {}),
          });
          if (st && st.fraction >= 1) {
            stageSeconds += inStage;
            stage = null;
          }
        }, signal);
        if (signal.aborted) {
          this.setState('paused', 'paused during pre-training (it restarts when training resumes)');
          return 'paused';
        }
      }
      this.setState('training');
      const t0 = performance.now();
      let count = 0;
      const more = () => (steps !== undefined ? count < steps : s.stepsDone < s.plannedSteps);
      let lastYield = -Infinity;
      while (more()) {
        // Yield to the event loop between steps: on wasm and cpu every await resolves as a
        // microtask, which would otherwise starve timers, signal handlers and worker messages for
        // the whole run. Fast steps (baselines) yield only every YIELD_EVERY_MS, as each yield costs
        // a timer tick (clamped to 4 ms in browsers).
        if (performance.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
        }
        if (signal.aborted) break;
        this.hooks.beforeStep?.(s);
        const started = performance.now();
        const step = await this.trainer.step();
        this.seconds += (performance.now() - started) / 1000;
        count++;
        checkFinite(step);
        const rate = count / Math.max((performance.now() - t0) / 1000, 1e-9);
        const total = steps !== undefined ? s.stepsDone - count + steps : s.plannedSteps;
        this.hooks.onProgress?.({ phase: 'train', done: s.stepsDone, total, stepsPerSecond: rate, etaSeconds: (total - s.stepsDone) / rate, step });
        if (this.checkpointing && s.stepsDone % this.opts.checkpointEvery! === 0) this.lastGood = await this.checkpoint();
        await this.hooks.afterStep?.(s, step);
      }
      if (this.checkpointing) this.lastGood = await this.checkpoint();
      // 'ready' once the budget is used up (raising plannedSteps lets training go on), else 'paused'.
      const finished = s.stepsDone >= s.plannedSteps;
      this.setState(finished ? 'ready' : 'paused');
      return signal.aborted && !finished ? 'paused' : 'completed';
    } catch (e) {
      await this.fail(e);
      return 'failed';
    }
  }

  /** Drops the trainer, brings back the last good weights where there are some, and says why training stopped. */
  private async fail(err: unknown): Promise<void> {
    this.failure = err;
    const reason = oneLine(err);
    this.trainer?.dispose();
    this.trainer = null;
    let kept = '';
    if (this.lastGood && this.opts.restore) {
      try {
        const restored = this.opts.restore(this.lastGood);
        this.current?.dispose();
        this.current = restored;
        kept = `, the last good model (step ${restored.stepsDone}) is kept`;
      } catch (e) {
        kept = `, and the last good model could not be restored (${oneLine(e)})`;
      }
    }
    this.setState('failed', `${reason}; training stopped${kept}`);
  }

  private release(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.current?.dispose();
    this.current = null;
    this.lastGood = null;
  }

  private setState(state: SessionState, message?: string): void {
    this.state = state;
    this.hooks.onState?.(state, message);
  }
}

/** Throws when a step read a loss that is not finite: the run stops and the last good weights come back. */
export function checkFinite(step: TrainStep): void {
  const values = [...(step.loss !== undefined ? [step.loss] : []), ...Object.values(step.losses ?? {})];
  if (!values.every(Number.isFinite)) throw new HtiError(`training diverged at step ${step.step} (loss is not a number)`);
}

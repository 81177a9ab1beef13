import type { ClotModel } from './model';
import { createTrainer } from './create-trainer';
import type { StepStats } from './trainer-types';

export interface TrainProgress {
  phase: 'pretrain' | 'train';
  done: number;
  total: number;
  stepsPerSecond: number;
  etaSeconds: number;
  stats?: StepStats;
}

export interface TrainOptions {
  /** Steps to run now (defaults to what remains of config.iterations). */
  steps?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Called every this many steps with stats (default 1). */
  progressEvery?: number;
}

/**
 * Trains `model` in place, resumable: pre-trains the path network if the
 * model is fresh, then runs steps until done or aborted. Stops at a step
 * boundary when `signal` aborts (the model stays consistent) and reports
 * whether it finished.
 */
export async function trainModel(model: ClotModel, opts: TrainOptions = {}): Promise<{ completed: boolean; history: StepStats[] }> {
  const trainer = createTrainer(model);
  const history: StepStats[] = [];
  try {
    const t0 = performance.now();
    await trainer.pretrain((done, total) => {
      const el = (performance.now() - t0) / 1000;
      opts.onProgress?.({ phase: 'pretrain', done, total, stepsPerSecond: done / el, etaSeconds: ((total - done) * el) / done });
    }, opts.signal);
    if (opts.signal?.aborted) return { completed: false, history };
    const total = opts.steps ?? Math.max(0, model.config.iterations - model.stepsDone);
    const every = opts.progressEvery ?? 1;
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      // Let the event loop run between steps: on wasm/cpu every await resolves as a microtask,
      // which would otherwise starve timers and signal handlers (Ctrl-C) for the whole run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (opts.signal?.aborted) return { completed: false, history };
      const stats = await trainer.step();
      history.push(stats);
      if ((i + 1) % every === 0 || i === total - 1) {
        const el = (performance.now() - start) / 1000;
        const rate = (i + 1) / el;
        opts.onProgress?.({ phase: 'train', done: i + 1, total, stepsPerSecond: rate, etaSeconds: (total - i - 1) / rate, stats });
      }
    }
    return { completed: !opts.signal?.aborted, history };
  } finally {
    trainer.dispose();
  }
}

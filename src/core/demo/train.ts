import * as tf from '@tensorflow/tfjs-core';
import { HtiError } from '../errors';
import { AnnealedAdam } from './annealed-adam';
import { demoLambdaProblem } from './list-rules';
import type { DemoOutput, DemoTask } from './types';

/** Epochs between loss reads: each read waits for the device. */
const LOSS_EVERY = 10;
/** Longest training keeps the event loop waiting (so an abort from a signal handler or a worker message lands). */
const YIELD_EVERY_MS = 20;

export interface TrainNetworkOptions {
  signal?: AbortSignal;
  /** Called every LOSS_EVERY epochs and after the last one. */
  onEpoch?: (epoch: number, epochs: number, loss: number) => void;
}

export interface TrainedNetwork {
  lambda: number;
  seed: number;
  output: DemoOutput;
  /** The first and the last loss read. */
  firstLoss: number;
  finalLoss: number;
  seconds: number;
}

/** Throws a one-line error unless λ lies in the task's range. */
export function checkDemoLambda(task: DemoTask, lambda: number): void {
  const problem = demoLambdaProblem(task, lambda);
  if (problem) throw new HtiError(problem);
}

/**
 * Trains the task's network at λ from `seed` with full-batch Adam (its rate annealed), one tidy
 * step per epoch, and returns its output on the task's probe inputs. Rejects
 * with the signal's reason when aborted (checked every epoch); every tensor it
 * made is disposed either way.
 */
export async function trainDemoNetwork(task: DemoTask, lambda: number, seed: number, opts: TrainNetworkOptions = {}): Promise<TrainedNetwork> {
  checkDemoLambda(task, lambda);
  const t0 = performance.now();
  const net = task.create(lambda, seed);
  const opt = new AnnealedAdam(task.learningRate, task.epochs);
  let firstLoss = NaN;
  let finalLoss = NaN;
  let lastYield = -Infinity;
  try {
    for (let epoch = 1; epoch <= task.epochs; epoch++) {
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      opts.signal?.throwIfAborted();
      opt.anneal(epoch - 1);
      const loss = tf.tidy(() => opt.minimize(() => net.loss(epoch - 1), true, net.variables) as tf.Scalar);
      if (epoch === 1 || epoch % LOSS_EVERY === 0 || epoch === task.epochs) {
        const value = (await loss.data())[0];
        loss.dispose();
        if (!Number.isFinite(value)) throw new HtiError(`the ${task.id} network at λ = ${lambda} diverged (loss ${value} at epoch ${epoch})`);
        if (epoch === 1) firstLoss = value;
        finalLoss = value;
        opts.onEpoch?.(epoch, task.epochs, value);
      } else {
        loss.dispose();
      }
    }
    const output = await net.output();
    return { lambda, seed, output, firstLoss, finalLoss, seconds: (performance.now() - t0) / 1000 };
  } finally {
    opt.dispose();
    net.dispose();
  }
}

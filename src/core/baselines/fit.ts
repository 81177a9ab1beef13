import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../random';
import type { Rows, SurrogateTrainer, TrainStep } from '../sampling/types';
import type { BaselineModel } from './model';

interface Batch {
  x: Float32Array;
  tau: Float32Array;
  target: Float32Array;
  cond: Rows;
}

/** Random batches of the baseline's training examples (its strategy says how each is drawn). */
function batchMaker(model: BaselineModel, rng: Rng): () => Batch {
  const { D, rows } = model;
  const B = model.config.batch;
  const C = model.condSpec.kind === 'continuous' ? model.condSpec.dim : 0;
  const example = model.strategy.examples!(model, rng);
  return () => {
    const x = new Float32Array(B * D);
    const tau = new Float32Array(B);
    const target = new Float32Array(B * D);
    const label = rows[0].label ? new Int32Array(B) : undefined;
    const c = C ? new Float32Array(B * C) : undefined;
    for (let b = 0; b < B; b++) {
      const e = example(x, target, b);
      tau[b] = e.tau;
      if (label) label[b] = e.rows.label![e.row];
      if (c) c.set(e.rows.c!.subarray(e.row * C, (e.row + 1) * C), b * C);
    }
    return { x, tau, target, cond: { n: B, y: x, label, c } };
  };
}

/** Steps between loss reads (each read is a device sync). */
const LOSS_EVERY = 50;

/**
 * Trains the network of a cfm, ot-cfm or regression baseline (identity,
 * nearest and mccann have none): Adam on the mean squared error, one step
 * at a time, resumable (batches continue from model.stepsDone).
 */
export class BaselineTrainer implements SurrogateTrainer {
  private readonly next: (() => Batch) | null;
  private readonly opt: tf.Optimizer;

  constructor(private readonly model: BaselineModel) {
    this.next = model.strategy.examples ? batchMaker(model, new Rng(model.config.seed + 101 + model.stepsDone)) : null;
    this.opt = tf.train.adam(model.config.lr);
  }

  async pretrain(): Promise<void> {}

  async step(): Promise<TrainStep> {
    const model = this.model;
    const net = model.net;
    if (!net || !this.next) throw new Error(`the ${model.config.method} baseline has no network to train`);
    const D = model.D;
    const b = this.next();
    const loss = tf.tidy(
      () =>
        this.opt.minimize(
          () => {
            const y = tf.tensor2d(b.x, [b.cond.n, D]);
            const t = tf.tensor2d(b.tau, [b.cond.n, 1]);
            const pred = model.apply(y, t, model.condTensor(b.cond));
            return tf.mean(tf.square(tf.sub(pred, tf.tensor2d(b.target, [b.cond.n, D])))) as tf.Scalar;
          },
          true,
          net.variables,
        ) as tf.Scalar,
    );
    model.stepsDone++;
    const read = model.stepsDone % LOSS_EVERY === 0 || model.stepsDone === model.config.iterations;
    const value = read ? (await loss.data())[0] : undefined;
    loss.dispose();
    return value === undefined ? { step: model.stepsDone } : { step: model.stepsDone, loss: value, losses: { mse: value } };
  }

  dispose(): void {
    this.opt.dispose();
  }
}

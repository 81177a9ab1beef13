import * as tf from '@tensorflow/tfjs-core';
import { conditionKeys, groupRows } from '../data/groups';
import { Rng } from '../random';
import type { Rows, SurrogateTrainer, TrainStep } from '../sampling/types';
import { isFlowMatching } from './config';
import type { BaselineModel } from './model';

interface Batch {
  x: Float32Array;
  tau: Float32Array;
  target: Float32Array;
  cond: Rows;
}

/** For each row of anchor k, the rows of anchor k+1 with the same condition (all rows when conditions are not shared). */
function partnersByCondition(model: BaselineModel, k: number): (i: number) => number[] {
  const set = model.data;
  const ka = conditionKeys(set, set.anchors[k]);
  const gb = groupRows(conditionKeys(set, set.anchors[k + 1]));
  const all = [...Array(set.anchors[k + 1].n).keys()];
  const shared = ka.every((key) => gb.has(key));
  return (i) => (shared ? gb.get(ka[i])! : all);
}

/**
 * How flow matching pairs row i of anchor k with a row of anchor k+1: cfm
 * draws an independent partner of the same condition, ot-cfm takes its
 * partner in the exact optimal coupling.
 */
function pairPicker(model: BaselineModel, rng: Rng): (k: number, i: number) => number {
  if (model.config.method === 'ot-cfm') return (k, i) => model.couplings[k][i];
  const K = model.rows.length - 1;
  const partners = Array.from({ length: K }, (_, k) => partnersByCondition(model, k));
  return (k, i) => {
    const cand = partners[k](i);
    return cand[rng.int(cand.length)];
  };
}

function batchMaker(model: BaselineModel, rng: Rng): () => Batch {
  const { D, rows, taus } = model;
  const B = model.config.batch;
  const C = model.condSpec.kind === 'continuous' ? model.condSpec.dim : 0;
  const K = rows.length - 1;
  const partner = isFlowMatching(model.config.method) ? pairPicker(model, rng) : null;
  return () => {
    const x = new Float32Array(B * D);
    const tau = new Float32Array(B);
    const target = new Float32Array(B * D);
    const label = rows[0].label ? new Int32Array(B) : undefined;
    const c = C ? new Float32Array(B * C) : undefined;
    for (let b = 0; b < B; b++) {
      let src: Rows;
      let i: number;
      if (model.config.method === 'regression') {
        // A first-anchor row and an anchor; the target is its coupled row there (as a residual).
        i = rng.int(rows[0].n);
        const k = rng.int(K + 1);
        const p = model.chain[k][i];
        src = rows[0];
        tau[b] = taus[k];
        for (let d = 0; d < D; d++) {
          x[b * D + d] = rows[0].y[i * D + d];
          target[b * D + d] = rows[k].y[p * D + d] - rows[0].y[i * D + d];
        }
      } else {
        // Conditional flow matching: an interval, a row, its partner (independent or OT-coupled), a time.
        const k = rng.int(K);
        i = rng.int(rows[k].n);
        const j = partner!(k, i);
        const u = rng.next();
        const w = taus[k + 1] - taus[k];
        src = rows[k];
        tau[b] = taus[k] + u * w;
        for (let d = 0; d < D; d++) {
          const a = rows[k].y[i * D + d];
          const e = rows[k + 1].y[j * D + d];
          x[b * D + d] = (1 - u) * a + u * e;
          target[b * D + d] = (e - a) / w;
        }
      }
      if (label) label[b] = src.label![i];
      if (c) c.set(src.c!.subarray(i * C, (i + 1) * C), b * C);
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
  private readonly next: () => Batch;
  private readonly opt: tf.Optimizer;

  constructor(private readonly model: BaselineModel) {
    this.next = batchMaker(model, new Rng(model.config.seed + 101 + model.stepsDone));
    this.opt = tf.train.adam(model.config.lr);
  }

  async pretrain(): Promise<void> {}

  async step(): Promise<TrainStep> {
    const model = this.model;
    const net = model.net;
    if (!net) throw new Error(`the ${model.config.method} baseline has no network to train`);
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

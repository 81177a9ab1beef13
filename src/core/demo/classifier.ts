import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../nn/mlp';
import { Rng } from '../random';
import { grid2d, twoMoons } from './inputs';
import type { DemoNetwork, DemoTask } from './types';

const TRAIN_ROWS = 200;
const DATA_SEED = 12;
const LAYERS = 3;
/** The probe points the logit is read at: a 10 × 8 grid over the moons, the rows of every anchor. */
const PROBE = grid2d([-1.25, 2.25], [-0.75, 1.25], 10, 8);

const DATA = twoMoons(TRAIN_ROWS, 0.2, new Rng(DATA_SEED));

function create(weightDecay: number, seed: number): DemoNetwork {
  const net = new Mlp('demo-classifier', 2, [32, 32], 1, { kind: 'none' }, { activation: 'relu', outScale: 1 }, new Rng(seed));
  const x = tf.tensor2d(DATA.points, [TRAIN_ROWS, 2]);
  const t = tf.tensor2d(DATA.labels, [TRAIN_ROWS, 1]);
  const weights = Array.from({ length: LAYERS }, (_, l) => net.vars.get(`W${l}`)!);
  return {
    variables: net.variables,
    loss: () => {
      // Binary cross-entropy on the logit z: softplus(z) − t·z, plus the L2 penalty λ Σ‖W‖² on the weight matrices (not the biases).
      const z = net.apply(x, null);
      const bce = tf.mean(tf.sub(tf.softplus(z), tf.mul(t, z)));
      const penalty = tf.addN(weights.map((w) => tf.sum(tf.square(w))));
      return tf.add(bce, tf.mul(weightDecay, penalty));
    },
    output: async () => {
      const n = PROBE.length / 2;
      const logits = tf.tidy(() => net.apply(tf.tensor2d(PROBE, [n, 2]), null));
      const out = (await logits.data()) as Float32Array;
      logits.dispose();
      return { n, y: Float32Array.from(out), c: PROBE.slice() };
    },
    dispose: () => {
      net.dispose();
      x.dispose();
      t.dispose();
    },
  };
}

export const CLASSIFIER_TASK: DemoTask = {
  id: 'classifier',
  title: 'Regularised classifier',
  lambdaName: 'weight decay',
  explanation:
    'A small MLP (2 → 32 → 32 → 1, ReLU) trained as a binary classifier on 200 noisy two-moons points, with cross-entropy plus weight decay λ·Σ‖W‖² on its weight matrices. ' +
    'Its output is the logit (y0) at each point of a fixed 10 × 8 probe grid over the moons (the continuous condition c0, c1): little decay gives a sharp, confident, wiggly decision surface; ' +
    'more decay flattens the logits towards 0 and straightens the boundary.',
  // Without decay the logits grow without bound (seeds disagree by tens); from about 0.08 the network collapses to a constant.
  range: [0.001, 0.05],
  defaultAnchors: [0.001, 0.003, 0.01, 0.02, 0.05],
  heldOut: [0.002, 0.006, 0.015, 0.035],
  defaultSeed: 0,
  epochs: 600,
  learningRate: 0.01,
  dimY: 1,
  condition: { kind: 'continuous', dim: 2 },
  distance: 'mse',
  create,
};

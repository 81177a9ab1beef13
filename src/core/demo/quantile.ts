import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../nn/mlp';
import { Rng } from '../random';
import { evenlySpaced } from './inputs';
import type { DemoNetwork, DemoTask } from './types';

const TRAIN_ROWS = 400;
const DATA_SEED = 11;
/** The inputs the fitted curve is read at: the rows of every anchor. */
const PROBE_X = evenlySpaced(-1, 1, 41);

/** The noiseless function and its noise scale, which grows from left to right (heteroscedastic). */
const curve = (x: number) => Math.sin(2.5 * x) + 0.3 * x;
const noiseScale = (x: number) => 0.05 + 0.3 * ((x + 1) / 2) ** 2;

function trainingData(): { x: Float32Array; y: Float32Array } {
  const rng = new Rng(DATA_SEED);
  const x = Float32Array.from({ length: TRAIN_ROWS }, () => 2 * rng.next() - 1);
  const y = x.map((v) => curve(v) + noiseScale(v) * rng.normal());
  return { x, y };
}
const DATA = trainingData();

/** The pinball (quantile) loss at τ, mean over rows: τ·r for r = y − ŷ ≥ 0, (τ − 1)·r below. */
function pinball(pred: tf.Tensor, target: tf.Tensor, tau: number): tf.Scalar {
  const r = tf.sub(target, pred);
  return tf.mean(tf.add(tf.mul(tau, tf.relu(r)), tf.mul(1 - tau, tf.relu(tf.neg(r)))));
}

function create(tau: number, seed: number): DemoNetwork {
  const net = new Mlp('demo-quantile', 1, [32, 32], 1, { kind: 'none' }, { activation: 'relu', outScale: 1 }, new Rng(seed));
  const x = tf.tensor2d(DATA.x, [TRAIN_ROWS, 1]);
  const y = tf.tensor2d(DATA.y, [TRAIN_ROWS, 1]);
  return {
    variables: net.variables,
    loss: () => pinball(net.apply(x, null), y, tau),
    output: async () => {
      const pred = tf.tidy(() => net.apply(tf.tensor2d(PROBE_X, [PROBE_X.length, 1]), null));
      const out = (await pred.data()) as Float32Array;
      pred.dispose();
      return { n: PROBE_X.length, y: Float32Array.from(out), c: PROBE_X.slice() };
    },
    dispose: () => {
      net.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

export const QUANTILE_TASK: DemoTask = {
  id: 'quantile',
  title: 'Quantile regression',
  lambdaName: 'quantile τ',
  explanation:
    'A small MLP (1 → 32 → 32 → 1, ReLU) fitted with the pinball loss at quantile τ = λ to 400 noisy samples of sin(2.5x) + 0.3x on [−1, 1], whose noise grows from left to right. ' +
    'Its output is the fitted curve read at 41 evenly spaced inputs x (the continuous condition c0; y0 the prediction): raising τ lifts the curve, most where the noise is widest. ' +
    'A miniature of a quantile forecaster.',
  range: [0.05, 0.95],
  defaultAnchors: [0.05, 0.25, 0.5, 0.75, 0.95],
  heldOut: [0.15, 0.4, 0.6, 0.85],
  defaultSeed: 0,
  epochs: 600,
  learningRate: 0.01,
  dimY: 1,
  condition: { kind: 'continuous', dim: 1 },
  distance: 'mse',
  create,
};

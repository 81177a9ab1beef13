import * as tf from '@tensorflow/tfjs-core';

let weightGradients = true;

/**
 * Runs fn with the weight half of dense()'s gradient switched off (zeros):
 * for gradients with respect to inputs only (the c-transform), where tfjs
 * would otherwise compute every weight gradient and throw it away.
 */
export function inputGradientsOnly<T>(fn: () => T): T {
  const before = weightGradients;
  weightGradients = false;
  try {
    return fn();
  } finally {
    weightGradients = before;
  }
}

/**
 * a · b, or zeros when any dimension is 0: the wasm backend's XNNPACK
 * product rejects empty operands, and with an empty shared dimension returns
 * uninitialised memory instead of zeros (e.g. in the gradient of a metric
 * with no rotation pairs, D = 1).
 */
function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return a.shape[0] === 0 || a.shape[1] === 0 || b.shape[1] === 0 ? tf.zeros([a.shape[0], b.shape[1]]) : tf.matMul(a, b);
}

/**
 * x · W with a hand-written gradient that transposes explicitly. tfjs's own
 * MatMul gradient multiplies with transpose flags, which the wasm backend
 * runs 5–10× slower than a transpose followed by a plain product (measured
 * here on [15200, 32] · [32, 32] and [800, 128] · [128, 128]).
 */
export const dense = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([x, w]);
  // Read the switch when the forward pass runs: gradients are computed later, inside the same call of fn.
  const withWeights = weightGradients;
  return {
    value: matMul(x, w),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      const dx = matMul(dy, tf.transpose(ws));
      return [dx, withWeights ? matMul(tf.transpose(xs), dy) : tf.zerosLike(ws)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor2D;

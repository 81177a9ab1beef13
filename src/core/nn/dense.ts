import * as tf from '@tensorflow/tfjs';

/**
 * x · W with a hand-written gradient that transposes explicitly. tfjs's own
 * MatMul gradient multiplies with transpose flags, which the wasm backend
 * runs 5–10× slower than a transpose followed by a plain product (measured
 * here on [15200, 32] · [32, 32] and [800, 128] · [128, 128]).
 */
export const dense = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [tf.matMul(dy, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor2D;

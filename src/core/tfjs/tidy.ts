import * as tf from '@tensorflow/tfjs-core';

/** tf.tidy for a function that may return null (tf.tidy's types reject null). */
export function tidyOrNull<T extends tf.Tensor>(fn: () => T | null): T | null {
  let out: T | null = null;
  tf.tidy(() => {
    out = fn();
    if (out) tf.keep(out);
  });
  return out;
}

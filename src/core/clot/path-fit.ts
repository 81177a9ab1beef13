import * as tf from '@tensorflow/tfjs-core';
import { tidyOrNull } from '../tfjs/tidy';
import type { ClotModel } from './model';

/**
 * One optimiser step of the path network on the mean of `energies()`, its
 * gradient clipped to norm `clip`; returns the loss and the gradient norm.
 * Call inside tf.tidy.
 */
export function pathStep(vars: tf.Variable[], clip: number, opt: tf.Optimizer, energies: () => tf.Tensor1D): { value: tf.Scalar; norm: tf.Scalar } {
  const { value, grads } = tf.variableGrads(() => tf.mean(energies()) as tf.Scalar, vars);
  const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
  const scale = tf.minimum(1, tf.div(clip, tf.add(norm, 1e-12)));
  const clipped: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) clipped[k] = tf.mul(g, scale);
  opt.applyGradients(clipped as tf.NamedTensorMap);
  return { value, norm };
}

/**
 * Trains the path network for up to `steps` steps on the mean of `energies()`
 * (per-row path energies that depend on the path network's φ), with gradient
 * clipping; stops early once the gradient norm falls below pathRefitTol.
 * Returns the last loss read (read every 5 steps, to avoid a sync per step).
 */
export async function fitPathNetwork(model: ClotModel, opt: tf.Optimizer, energies: () => tf.Tensor1D, steps: number): Promise<number | undefined> {
  if (!model.path || steps <= 0) return undefined;
  const cfg = model.config;
  const vars = model.path.variables;
  let last: number | undefined;
  for (let s = 0; s < steps; s++) {
    const check = s === steps - 1 || s % 5 === 4;
    const stats: tf.Tensor | null = tidyOrNull(() => {
      const { value, norm } = pathStep(vars, cfg.pathClip, opt, energies);
      return check ? tf.stack([value, norm]) : null;
    });
    if (stats) {
      const [loss, gnorm] = await stats.data();
      stats.dispose();
      last = loss;
      if (gnorm < cfg.pathRefitTol) break;
    }
  }
  return last;
}

/**
 * Runs `total` pre-training steps in chunks of `chunk`: yields to the event
 * loop before each chunk (so signals and worker messages land), stops early
 * when `signal` aborts, and reports progress after each. A chunk whose body
 * answers false was cut short (the recoupling stops within one when
 * aborted): the run stops there. Resolves true when every chunk ran to its end.
 */
export async function runInChunks(
  total: number,
  chunk: number,
  body: (done: number, steps: number) => Promise<boolean | void>,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<boolean> {
  for (let done = 0; done < total; done += chunk) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) return false;
    if ((await body(done, Math.min(chunk, total - done))) === false) return false;
    onProgress?.(Math.min(done + chunk, total), total);
  }
  return true;
}

import * as tf from '@tensorflow/tfjs-core';

/**
 * Adam whose learning rate follows a cosine from `peak` down to `peak / 100`
 * over `epochs` steps. At a constant rate full-batch Adam keeps hovering
 * around the minimum (the pinball loss has a kink at every row), so outputs
 * at nearby λ would differ by that hovering rather than by λ; annealing lets
 * each network settle. tfjs's AdamOptimizer keeps its rate protected, hence
 * the subclass.
 */
export class AnnealedAdam extends tf.AdamOptimizer {
  constructor(
    private readonly peak: number,
    private readonly epochs: number,
  ) {
    // Epsilon explicit: tfjs derives Adam's default from the backend (1e-4 on WebGL).
    super(peak, 0.9, 0.999, 1e-8);
  }

  /** Sets the rate for epoch `epoch` (0-based). */
  anneal(epoch: number): void {
    const progress = Math.min(1, epoch / Math.max(1, this.epochs - 1));
    this.learningRate = this.peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}

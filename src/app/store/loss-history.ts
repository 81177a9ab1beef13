import type { StepStats } from '../../core/clot/trainer-types';

const KEYS = ['step', 'dual', 'residual', 'energy'] as const;
type Key = (typeof KEYS)[number];

/**
 * The loss curves of a training run: one growable typed array per series, appended in place
 * (amortised O(1) per step), instead of copying an array of objects on every step. The store
 * holds the object and its length; a new run starts a new object.
 */
export class LossHistory {
  private cols: Record<Key, Float64Array> = { step: new Float64Array(256), dual: new Float64Array(256), residual: new Float64Array(256), energy: new Float64Array(256) };
  length = 0;

  push(s: StepStats): void {
    if (this.length === this.cols.step.length) {
      for (const k of KEYS) {
        const grown = new Float64Array(2 * this.length);
        grown.set(this.cols[k]);
        this.cols[k] = grown;
      }
    }
    for (const k of KEYS) this.cols[k][this.length] = s[k];
    this.length++;
  }

  /** The values of one series so far (a view, valid until the next push). */
  series(key: Exclude<Key, 'step'>): Float64Array {
    return this.cols[key].subarray(0, this.length);
  }

  at(i: number): StepStats {
    return { step: this.cols.step[i], dual: this.cols.dual[i], residual: this.cols.residual[i], energy: this.cols.energy[i] };
  }
}

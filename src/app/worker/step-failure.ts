import * as tf from '@tensorflow/tfjs-core';
import type { ClotModel } from '../../core/clot/model';
import type { InjectedFailure } from './protocol';

/**
 * Test hook ('debug-inject-failure'): makes the next training step fail for real.
 * 'nan' overwrites every weight of every network with NaN, so the step computes a
 * non-finite loss and the worker's ordinary failure path (stop, restore the last
 * good weights) runs.
 */
export function injectFailure(model: ClotModel, kind: Extract<InjectedFailure, 'nan'>): void {
  switch (kind) {
    case 'nan':
      for (const net of model.networks()) {
        for (const v of net.vars.values()) tf.tidy(() => v.assign(tf.fill(v.shape, NaN, v.dtype)));
      }
      return;
  }
}

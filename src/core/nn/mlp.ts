import * as tf from '@tensorflow/tfjs-core';
import type { Condition } from '../data/types';
import type { Rng } from '../random';
import { base64ToF32, f32ToBase64 } from './base64';
import { dense } from '../tfjs/dense';

/** What conditions a network: nothing, a label (through an embedding) or continuous features. */
export type CondSpec = { kind: 'none' } | { kind: 'class'; numClasses: number; embedDim: number } | { kind: 'continuous'; dim: number };

/** Per-row condition values: int32 labels [B] for 'class', float [B, C] for 'continuous', null for 'none'. */
export type CondTensor = tf.Tensor | null;

/** How networks see a dataset's condition (labels through an embedding of `embedDim`). */
export function condSpecFor(cond: Condition, embedDim: number): CondSpec {
  if (cond.kind === 'class') return { kind: 'class', numClasses: cond.values.length, embedDim };
  if (cond.kind === 'continuous') return { kind: 'continuous', dim: cond.dim };
  return { kind: 'none' };
}

/** The condition tensor of rows (labels, or standardised conditions), or null. */
export function condTensorFor(spec: CondSpec, rows: { n: number; label?: Int32Array; c?: Float32Array }): CondTensor {
  if (rows.label && spec.kind === 'class') return tf.tensor1d(rows.label, 'int32');
  if (rows.c && spec.kind === 'continuous') return tf.tensor2d(rows.c, [rows.n, spec.dim]);
  return null;
}

export interface MlpOptions {
  activation: 'relu' | 'leaky';
  /** Multiplies the initial weights of the output layer (0 gives a zero initial output). */
  outScale: number;
  /** Output columns that start at a constant (zero weights, this bias) whatever the input; they still learn. */
  constantOutputs?: Record<number, number>;
}

export interface SerializedTensor {
  shape: number[];
  data: string;
}

let nextUid = 0;

/**
 * A multilayer perceptron whose first hidden layer is FiLM-modulated by the
 * condition: h1 = act((x W0 + b0) ⊙ (1 + γ(x_c)) + β(x_c)). Weights are
 * tf.Variables initialised from the project's seeded RNG.
 */
export class Mlp {
  readonly vars: Map<string, tf.Variable> = new Map();
  private readonly uid = nextUid++;
  private readonly nLayers: number;

  constructor(
    readonly name: string,
    readonly inDim: number,
    readonly hidden: number[],
    readonly outDim: number,
    readonly cond: CondSpec,
    readonly opts: MlpOptions,
    rng: Rng,
  ) {
    const dims = [inDim, ...hidden, outDim];
    this.nLayers = dims.length - 1;
    for (let l = 0; l < this.nLayers; l++) {
      const fanIn = dims[l];
      const last = l === this.nLayers - 1;
      const bound = Math.sqrt(6 / fanIn) * (last ? opts.outScale : 1);
      const fixed = (i: number) => (last ? opts.constantOutputs?.[i % outDim] : undefined);
      // The draw is made for every weight, so constant columns leave the others' initial values unchanged.
      this.add(`W${l}`, [dims[l], dims[l + 1]], (i) => {
        const w = (2 * rng.next() - 1) * bound;
        return fixed(i) === undefined ? w : 0;
      });
      this.add(`b${l}`, [dims[l + 1]], (i) => fixed(i) ?? 0);
    }
    const featDim = cond.kind === 'class' ? cond.embedDim : cond.kind === 'continuous' ? cond.dim : 0;
    if (cond.kind === 'class') this.add('embed', [cond.numClasses, cond.embedDim], () => rng.normal());
    if (featDim > 0) {
      const bound = 0.5 * Math.sqrt(3 / featDim);
      this.add('filmGammaW', [featDim, hidden[0]], () => (2 * rng.next() - 1) * bound);
      this.add('filmGammaB', [hidden[0]], () => 0);
      this.add('filmBetaW', [featDim, hidden[0]], () => (2 * rng.next() - 1) * bound);
      this.add('filmBetaB', [hidden[0]], () => 0);
    }
  }

  private add(key: string, shape: number[], init: (i: number) => number): void {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = init(i);
    const initial = tf.tensor(data, shape);
    // tfjs variable names are global to the process: make them unique per network instance.
    this.vars.set(key, tf.variable(initial, true, `${this.name}/${key}#${this.uid}`));
    initial.dispose(); // tf.variable copies; the source would otherwise leak
  }

  get variables(): tf.Variable[] {
    return [...this.vars.values()];
  }

  private v(key: string): tf.Variable {
    return this.vars.get(key)!;
  }

  /**
   * FiLM scale and shift [B, h1] for the condition, or null. For a label they
   * are computed once per class and then selected by a one-hot product (rather
   * than gather, whose gradient needs UnsortedSegmentSum, missing on wasm).
   */
  private film(cond: CondTensor): { gamma: tf.Tensor; beta: tf.Tensor } | null {
    if (this.cond.kind === 'none' || cond === null) return null;
    const lin = (feat: tf.Tensor, which: 'Gamma' | 'Beta') => tf.add(dense(feat, this.v(`film${which}W`)), this.v(`film${which}B`));
    if (this.cond.kind === 'class') {
      // tf.oneHot needs depth ≥ 2; with a single class every row selects it.
      const select = this.cond.numClasses > 1 ? tf.oneHot(cond as tf.Tensor1D, this.cond.numClasses).toFloat() : tf.ones([cond.shape[0], 1]);
      const embed = this.v('embed');
      return { gamma: dense(select, lin(embed, 'Gamma')), beta: dense(select, lin(embed, 'Beta')) };
    }
    return { gamma: lin(cond, 'Gamma'), beta: lin(cond, 'Beta') };
  }

  apply(x: tf.Tensor2D, cond: CondTensor): tf.Tensor2D {
    let h = tf.add(dense(x, this.v('W0')), this.v('b0')) as tf.Tensor2D;
    const film = this.film(cond);
    if (film) h = tf.add(tf.mul(h, tf.add(film.gamma, 1)), film.beta) as tf.Tensor2D;
    for (let l = 1; l < this.nLayers; l++) {
      h = this.opts.activation === 'relu' ? tf.relu(h) : tf.leakyRelu(h, 0.2);
      h = tf.add(dense(h, this.v(`W${l}`)), this.v(`b${l}`)) as tf.Tensor2D;
    }
    return h;
  }

  async serialize(): Promise<Record<string, SerializedTensor>> {
    const out: Record<string, SerializedTensor> = {};
    for (const [key, v] of this.vars) out[key] = { shape: v.shape, data: f32ToBase64((await v.data()) as Float32Array) };
    return out;
  }

  load(weights: Record<string, SerializedTensor>): void {
    for (const [key, v] of this.vars) {
      const w = weights[key];
      if (!w) throw new Error(`network ${this.name} is missing weight ${key}`);
      const data = base64ToF32(w.data);
      const expected = v.shape.reduce((a, b) => a * b, 1);
      if (data.length !== expected || w.shape.join() !== v.shape.join()) {
        throw new Error(`network ${this.name} weight ${key} has shape [${w.shape}] , expected [${v.shape}]`);
      }
      tf.tidy(() => v.assign(tf.tensor(data, v.shape)));
    }
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

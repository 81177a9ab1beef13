import type * as tf from '@tensorflow/tfjs-core';
import type { Anchor, Condition } from '../data/types';

/**
 * Small real tasks whose networks train in seconds, each with one continuous
 * knob λ: training one network per anchor λ gives an anchor dataset made
 * exactly like an uploaded one, and training one more at a held-out λ gives
 * the truth a surrogate's prediction is checked against.
 */
export const DEMO_TASK_IDS = ['quantile', 'classifier', 'generative'] as const;
export type DemoTaskId = (typeof DEMO_TASK_IDS)[number];

/** The rows one trained network contributes at its λ (outputs and their conditions). */
export type DemoOutput = Omit<Anchor, 'lambda'>;

/** One network of a task at one λ and seed, built and ready to train. */
export interface DemoNetwork {
  /** Everything the optimiser updates. */
  readonly variables: tf.Variable[];
  /**
   * The training loss for one epoch, built from tensors (called inside tf.tidy).
   * `epoch` lets a stochastic loss draw that epoch's noise from the seed.
   */
  loss(epoch: number): tf.Scalar;
  /** The trained network's output on the task's fixed probe inputs. */
  output(): Promise<DemoOutput>;
  dispose(): void;
}

export interface DemoTask {
  id: DemoTaskId;
  title: string;
  /** What λ is, what the network is and what the output rows are, in one paragraph. */
  explanation: string;
  /** λ's name in the task's own terms (e.g. "quantile τ"). */
  lambdaName: string;
  /** The λ values a network can be trained at, inclusive. */
  range: [number, number];
  /** The anchors generated when none are given (uneven where the output changes unevenly). */
  defaultAnchors: number[];
  /** λ values between the default anchors where the benchmark checks the surrogate. */
  heldOut: number[];
  /** The seed of the networks' initialisation and noise when none is given. */
  defaultSeed: number;
  /** Epochs (full-batch optimiser steps) per network, and Adam's learning rate. */
  epochs: number;
  learningRate: number;
  dimY: number;
  condition: Condition;
  /**
   * How two outputs at one λ are best compared: 'mse' for a deterministic
   * output per probe input (paired rows), 'w2' for a cloud of samples.
   */
  distance: 'mse' | 'w2';
  /** Builds the network at λ with weights and noise drawn from `seed`. */
  create(lambda: number, seed: number): DemoNetwork;
}

/** What training reports, every few epochs of every network. */
export interface DemoProgress {
  /** 0-based index of the network being trained, and how many there are. */
  network: number;
  networks: number;
  lambda: number;
  /** Epochs done (1-based) of `epochs`. */
  epoch: number;
  epochs: number;
  loss: number;
}

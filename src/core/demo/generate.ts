import { validateAnchorSet } from '../data/build';
import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';
import { demoListProblem } from './list-rules';
import { trainDemoNetwork, type TrainedNetwork } from './train';
import type { DemoProgress, DemoTask } from './types';

export interface GenerateOptions {
  /** Seed of every network (the task's default seed when absent): one seed for all λ, as a person retraining with a fixed seed would. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: DemoProgress) => void;
}

export interface DemoAnchors {
  /** The outputs as anchor data, exactly as if read from a file. */
  set: AnchorSet;
  /** Each network's training record (its λ, losses, seconds), in λ order. */
  networks: TrainedNetwork[];
}

/**
 * Trains the task's network at each λ, one after another, and returns their
 * outputs as an AnchorSet. With two or more λ it is checked like uploaded
 * data; with one λ it is the held-out truth at that λ (a set that files and
 * the evaluation read, but not a training set). Rejects with the signal's
 * reason when aborted.
 */
export async function generateDemoAnchors(task: DemoTask, lambdas: number[], opts: GenerateOptions = {}): Promise<DemoAnchors> {
  if (lambdas.length === 0) throw new HtiError(`the ${task.id} task needs at least one λ`);
  const problem = demoListProblem(task, lambdas);
  if (problem) throw new HtiError(problem);
  const sorted = [...lambdas].sort((a, b) => a - b);
  const seed = opts.seed ?? task.defaultSeed;
  const networks: TrainedNetwork[] = [];
  for (const [k, lambda] of sorted.entries()) {
    const onEpoch = (epoch: number, epochs: number, loss: number) =>
      opts.onProgress?.({ network: k, networks: sorted.length, lambda, epoch, epochs, loss });
    networks.push(await trainDemoNetwork(task, lambda, seed, { signal: opts.signal, onEpoch }));
  }
  const set: AnchorSet = {
    source: `demo:${task.id} (seed ${seed})`,
    dimY: task.dimY,
    condition: task.condition,
    anchors: networks.map((n) => ({ lambda: n.lambda, ...n.output })),
  };
  if (set.anchors.length >= 2) validateAnchorSet(set);
  return { set, networks };
}

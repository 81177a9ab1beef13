import { conditionKeys, gatherRows, groupRows } from '../data/groups';
import { HtiError } from '../errors';
import { meanSquaredError, w2Squared } from '../metrics/w2';
import { scoreGroups } from '../surrogate/grouping';
import { trainDemoNetwork, type TrainedNetwork, type TrainNetworkOptions } from './train';
import type { DemoOutput, DemoTask } from './types';

export interface OutputDistance {
  /** Mean over condition groups of W2, and of W2² (one group, all rows, for these tasks' outputs). */
  w2: number;
  w2sq: number;
  /** Mean squared error of paired rows, where rows are one deterministic output per probe input. */
  mse?: number;
}

/**
 * How far apart two outputs of a task at one λ are, measured the way
 * evaluateSurrogate measures a surrogate against the truth (the same
 * grouping of rows, W2 per group; MSE for a continuous condition whose
 * values do not repeat), so a noise floor and a surrogate's error compare.
 * Rows are paired by index: every output of a task lists the same probe
 * inputs in the same order.
 */
export function outputDistance(task: DemoTask, a: DemoOutput, b: DemoOutput): OutputDistance {
  if (a.n !== b.n) throw new HtiError(`outputs of the ${task.id} task differ in size (${a.n} and ${b.n} rows)`);
  const set = { source: task.id, dimY: task.dimY, condition: task.condition, anchors: [] };
  const scoring = scoreGroups(set, groupRows(conditionKeys(set, { lambda: 0, ...a })), a.n);
  const w2sqs = scoring.groups.map(([, idx]) => w2Squared(gatherRows(a.y, idx, task.dimY), gatherRows(b.y, idx, task.dimY), task.dimY).w2sq);
  const out: OutputDistance = {
    w2: w2sqs.reduce((t, v) => t + Math.sqrt(v), 0) / w2sqs.length,
    w2sq: w2sqs.reduce((t, v) => t + v, 0) / w2sqs.length,
  };
  if (task.condition.kind === 'continuous' && !scoring.perKey) out.mse = meanSquaredError(a.y, b.y);
  return out;
}

export interface NoiseFloor extends OutputDistance {
  lambda: number;
  /** The networks compared, one per seed. */
  networks: TrainedNetwork[];
}

/**
 * The seed-to-seed noise floor at λ: networks trained at the same λ from
 * different seeds (`seeds`, at least two; networks already trained at λ can
 * be passed in `trained` to skip retraining them), and the mean distance over
 * every pair. Any prediction of the network at λ lives with this spread.
 */
export async function seedNoiseFloor(
  task: DemoTask,
  lambda: number,
  seeds: number[],
  opts: TrainNetworkOptions & { trained?: TrainedNetwork[] } = {},
): Promise<NoiseFloor> {
  if (seeds.length < 2 || new Set(seeds).size !== seeds.length) throw new HtiError('a seed-to-seed noise floor needs at least two seeds, all different');
  const networks: TrainedNetwork[] = [];
  for (const seed of seeds) {
    const done = opts.trained?.find((t) => t.seed === seed && t.lambda === lambda);
    networks.push(done ?? (await trainDemoNetwork(task, lambda, seed, opts)));
  }
  const pairs: OutputDistance[] = [];
  for (let i = 0; i < networks.length; i++) {
    for (let j = i + 1; j < networks.length; j++) pairs.push(outputDistance(task, networks[i].output, networks[j].output));
  }
  const mean = (pick: (d: OutputDistance) => number) => pairs.reduce((t, d) => t + pick(d), 0) / pairs.length;
  const floor: NoiseFloor = { lambda, networks, w2: mean((d) => d.w2), w2sq: mean((d) => d.w2sq) };
  if (pairs[0].mse !== undefined) floor.mse = mean((d) => d.mse!);
  return floor;
}

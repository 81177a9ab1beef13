import type { AnchorSet } from '../core/data/types';
import type { DemoTaskInfo } from './worker/demo-protocol';

/** generateDemoAnchors names its data `demo:TASK (seed N)`; a model saved from it keeps that name. */
const DEMO_SOURCE = /^demo:(\w+) \(seed (-?\d+)\)$/;

/**
 * The demo task and network seed an anchor dataset was generated from, or null for any other
 * data: what a check at λ retrains. Read from the data's name, so it also holds for a model
 * saved after generating and loaded again.
 */
export function demoDatasetOf(data: AnchorSet | null, tasks: readonly DemoTaskInfo[]): { task: DemoTaskInfo; seed: number } | null {
  const m = data ? DEMO_SOURCE.exec(data.source) : null;
  const task = m ? tasks.find((t) => t.id === m[1]) : undefined;
  // A file that merely shares the name cannot be checked against the task's networks.
  if (!task || data!.dimY !== task.dimY || data!.condition.kind !== task.condition.kind) return null;
  return { task, seed: Number(m![2]) };
}

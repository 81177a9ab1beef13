import type { DemoTask } from './types';

/*
 * Which λ a demo task's networks can be trained at. Free of tfjs, so the page's main thread (the
 * demo panel's anchor list) checks a list by the same rule as the training worker and the CLI
 * without loading tfjs into the main bundle.
 */

/** The fields of a task the rules read. */
export type DemoRange = Pick<DemoTask, 'id' | 'range' | 'lambdaName'>;

/** What is wrong with training the task's network at λ (outside its range), or undefined. */
export function demoLambdaProblem(task: DemoRange, lambda: number): string | undefined {
  const [lo, hi] = task.range;
  if (!Number.isFinite(lambda) || lambda < lo || lambda > hi) return `λ = ${lambda} is outside the ${task.id} task's range [${lo}, ${hi}] (${task.lambdaName})`;
  return undefined;
}

/**
 * What is wrong with a list of λ to train the task's networks at: one outside the task's range, or
 * one listed twice; undefined where none is. The demo panel checks a typed list with it before
 * asking the worker, and generateDemoAnchors with it again.
 */
export function demoListProblem(task: DemoRange, lambdas: number[]): string | undefined {
  for (const l of lambdas) {
    const problem = demoLambdaProblem(task, l);
    if (problem) return problem;
  }
  const sorted = [...lambdas].sort((a, b) => a - b);
  const repeated = sorted.find((l, i) => i > 0 && l === sorted[i - 1]);
  return repeated === undefined ? undefined : `λ = ${repeated} is listed twice`;
}


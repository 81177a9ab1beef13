import { CLASSIFIER_TASK } from './classifier';
import { GENERATIVE_TASK } from './generative';
import { QUANTILE_TASK } from './quantile';
import { DEMO_TASK_IDS, type DemoTask, type DemoTaskId } from './types';

/** The demo tasks by id, in the order of DEMO_TASK_IDS. */
export const DEMO_TASKS: Record<DemoTaskId, DemoTask> = {
  quantile: QUANTILE_TASK,
  classifier: CLASSIFIER_TASK,
  generative: GENERATIVE_TASK,
};

export function isDemoTaskId(id: string): id is DemoTaskId {
  return (DEMO_TASK_IDS as readonly string[]).includes(id);
}

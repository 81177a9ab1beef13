// The demo tasks (src/core/demo/) as benchmark tasks: the real networks trained at the default anchors are the
// training data, the same networks trained at held-out λ the truth, and a "noise-floor" row scores networks
// trained at the held-out λ from another seed against that truth (what any prediction has to live with).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnchorCsv } from '../src/core/data/csv';
import type { AnchorSet } from '../src/core/data/types';
import { toLongCsv } from '../src/core/data/write-csv';
import { generateDemoAnchors } from '../src/core/demo/generate';
import { outputDistance } from '../src/core/demo/noise-floor';
import { DEMO_TASKS } from '../src/core/demo/tasks';
import { DEMO_TASK_IDS, type DemoTask } from '../src/core/demo/types';
import { meanOfDefined, spreadRatio } from '../src/core/metrics/spread';
import type { JobResult, TaskSpec } from './tasks';

/** The benchmark's pseudo-method: the real network at the held-out λ, trained from another seed. */
export const NOISE_FLOOR = 'noise-floor';
/** Added to a run's network seed for the noise floor's second network. */
const OTHER_SEED = 100;

const DEMO_DIR = new URL('../src/core/demo/', import.meta.url).pathname;
const CACHE = join(tmpdir(), 'hti-bench-demo');

/** A digest of the demo tasks' source, so cached networks' outputs are never read after a task changed. */
const sourceDigest = (() => {
  const hash = createHash('sha1');
  for (const f of readdirSync(DEMO_DIR).sort()) hash.update(f).update(readFileSync(join(DEMO_DIR, f)));
  return hash.digest('hex').slice(0, 12);
})();

/**
 * The task's outputs at `lambdas` for one network seed. Jobs of one task run as separate processes and
 * would each retrain the same networks, so outputs are cached (by source digest, seed and λ) in the temp folder.
 */
async function demoOutputs(task: DemoTask, lambdas: number[], seed: number): Promise<{ set: AnchorSet; seconds: number[] }> {
  const file = join(CACHE, `${task.id}-${sourceDigest}-seed${seed}-${lambdas.join('_')}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { csv: string; seconds: number[] };
    return { set: parseAnchorCsv(cached.csv, `demo:${task.id}`), seconds: cached.seconds };
  }
  const { set, networks } = await generateDemoAnchors(task, lambdas, { seed });
  const seconds = networks.map((n) => n.seconds);
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ csv: toLongCsv(set.anchors.map((a) => ({ ...a, dimY: set.dimY, condition: set.condition }))), seconds }));
  renameSync(tmp, file);
  return { set, seconds };
}

/** The scores of each task: MSE where the output is one deterministic value per probe input, W2 always. */
const scoresOf = (task: DemoTask): ('mse' | 'w2')[] => (task.distance === 'mse' ? ['mse', 'w2'] : ['w2']);

async function demoSpec(task: DemoTask, seed: number): Promise<TaskSpec> {
  const netSeed = task.defaultSeed + seed;
  const train = (await demoOutputs(task, task.defaultAnchors, netSeed)).set;
  const test = (await demoOutputs(task, task.heldOut, netSeed)).set;
  return {
    train,
    test,
    heldOut: task.heldOut,
    scores: scoresOf(task),
    noiseFloor: async () => {
      const other = await demoOutputs(task, task.heldOut, netSeed + OTHER_SEED);
      const metrics: Record<string, number> = {};
      const rows = test.anchors.map((truth, k) => {
        const again = other.set.anchors[k];
        return { lambda: truth.lambda, ...outputDistance(task, again, truth), spread: spreadRatio(again.y, truth.y, task.dimY) };
      });
      for (const key of scoresOf(task)) {
        metrics[key] = rows.reduce((t, r) => t + r[key]!, 0) / rows.length;
        for (const r of rows) metrics[`${key}@${r.lambda}`] = r[key]!;
      }
      metrics.spreadRatio = meanOfDefined(rows.map((r) => r.spread));
      // Its "train time" is the time to train one real network at a held-out λ (the cost a surrogate saves).
      return { metrics, seconds: other.seconds.reduce((t, s) => t + s, 0) / other.seconds.length };
    },
  };
}

/** Benchmark task name → its spec for a seed, one per demo task ("demo-quantile", …). */
export const DEMO_BENCH_TASKS: Record<string, (seed: number) => Promise<TaskSpec>> = Object.fromEntries(
  DEMO_TASK_IDS.map((id) => [`demo-${id}`, (seed: number) => demoSpec(DEMO_TASKS[id], seed)]),
);

/** The noise-floor row of a demo task as a job result. */
export async function noiseFloorJob(task: string, spec: TaskSpec, seed: number): Promise<JobResult> {
  if (!spec.noiseFloor) throw new Error(`${task} has no noise floor (only the demo tasks do)`);
  const { metrics, seconds } = await spec.noiseFloor();
  return { task, variant: NOISE_FLOOR, seed, metrics, steps: 0, trainSeconds: seconds, stepsPerSecond: 0 };
}

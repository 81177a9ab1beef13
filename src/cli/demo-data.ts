import { generateDemoAnchors } from '../core/demo/generate';
import { DEMO_TASKS, isDemoTaskId } from '../core/demo/tasks';
import { demoLambdaProblem } from '../core/demo/list-rules';
import { DEMO_TASK_IDS, type DemoProgress } from '../core/demo/types';
import { toLongCsv } from '../core/data/write-csv';
import { int, numList, UsageError } from './args';
import { assertWritable, writeFileAtomic } from './io';
import { backendFrom, parse } from './options';

/** The demo-data part of `hti --help`: the synopsis, then each task from the registry. */
export const DEMO_DATA_USAGE = `demo-data trains a small real network at each λ (one after another) and writes its
outputs as anchors in the long CSV that train reads; with one λ it writes the held-out
truth at that λ. Without --lambdas it uses the task's default anchors. Tasks:
${DEMO_TASK_IDS.map((id) => {
  const t = DEMO_TASKS[id];
  return `  ${id.padEnd(10)}  λ = ${t.lambdaName} in [${t.range.join(', ')}]; default anchors ${t.defaultAnchors.join(',')}, seed ${t.defaultSeed}`;
}).join('\n')}
`;

/**
 * Progress on stderr: on a terminal one line rewritten in place (network,
 * λ, epoch, loss); on a pipe or log one line per finished network.
 */
function demoProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update: (p: DemoProgress) => void; done: () => void } {
  const tty = Boolean(stream.isTTY);
  let lastPrint = 0;
  let open = false;
  return {
    update: (p) => {
      const text = `network ${p.network + 1}/${p.networks} (λ = ${p.lambda}): epoch ${p.epoch}/${p.epochs}  loss ${p.loss.toFixed(4)}`;
      const last = p.epoch === p.epochs;
      if (tty) {
        if (!last && Date.now() - lastPrint < 100) return;
        lastPrint = Date.now();
        stream.write(`\r\x1b[2K${text}`);
        open = true;
      } else if (last) {
        stream.write(`${text}\n`);
      }
    },
    done: () => {
      if (open) stream.write('\n');
      open = false;
    },
  };
}

/** `hti demo-data TASK [--lambdas l1,l2,…] --out FILE.csv [--seed N] [--backend B] [--quiet]`. */
export async function demoDataCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    lambdas: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', short: 'o' },
    backend: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length !== 1) throw new UsageError(`demo-data needs exactly one TASK (${DEMO_TASK_IDS.join(', ')})`);
  const id = positionals[0];
  if (!isDemoTaskId(id)) throw new UsageError(`unknown demo task "${id}" (one of ${DEMO_TASK_IDS.join(', ')})`);
  if (!v.out) throw new UsageError('demo-data needs --out FILE.csv');
  const task = DEMO_TASKS[id];
  const lambdas = numList('lambdas', v.lambdas as string | undefined) ?? task.defaultAnchors;
  for (const l of lambdas) {
    const problem = demoLambdaProblem(task, l);
    if (problem) throw new UsageError(`--lambdas: ${problem}`);
  }
  if (new Set(lambdas).size !== lambdas.length) throw new UsageError(`--lambdas lists a value twice (${lambdas.join(',')})`);
  const seed = int('seed', v.seed as string | undefined, 0) ?? task.defaultSeed;
  const backend = await backendFrom(v.backend as string | undefined);
  const out = v.out as string;
  assertWritable(out, '--out', []);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = demoProgressPrinter();
  if (!v.quiet) {
    process.stderr.write(`training ${lambdas.length} ${task.id} network${lambdas.length > 1 ? 's' : ''} (${task.lambdaName} = ${lambdas.join(', ')}; seed ${seed}, ${task.epochs} epochs each), backend ${backend}\n`);
  }
  const t0 = performance.now();
  try {
    const { set } = await generateDemoAnchors(task, lambdas, { seed, signal: controller.signal, onProgress: v.quiet ? undefined : progress.update });
    progress.done();
    writeFileAtomic(out, toLongCsv(set.anchors.map((a) => ({ ...a, dimY: set.dimY, condition: set.condition }))));
    if (!v.quiet) {
      const rows = set.anchors[0].n;
      const what = set.anchors.length === 1 ? `the held-out truth at λ = ${set.anchors[0].lambda}` : `${set.anchors.length} anchors`;
      process.stderr.write(`wrote ${out}: ${what}, ${rows} rows each (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
    return 0;
  } catch (e) {
    progress.done();
    if (!controller.signal.aborted) throw e;
    process.stderr.write(`hti: interrupted; ${out} was not written\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// `npm run bench`: trains every variant on the benchmark tasks with several seeds (2 jobs at a time, one per core),
// prints a table and records it with the machine in BENCHMARKS.md (between the generated-results markers).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromJson, toJson } from './json';
import { samplingLatency } from './latency';
import { fmtCi } from './stats';
import { SHARED, type JobResult } from './tasks';
import { NOISE_FLOOR } from './demo-tasks';
import { METHOD_REGISTRY } from '../src/core/surrogate/methods';
import type { Method } from '../src/core/sampling/types';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'semicircles,semicircles-sparse,moons,moons-sparse,ett,cancer,cancer-sparse,demo-quantile,demo-classifier,demo-generative' },
    variants: { type: 'string', default: 'euclidean,euclidean+potential,metric,full,identity,nearest,mccann,cfm,ot-cfm,regression' },
    /** Extra methods for the semicircles task only (the fixed-eigenvalue metric needs D = 2). */
    'semicircles-extra': { type: 'string', default: 'fixed-metric,fixed-metric+potential' },
    seeds: { type: 'string', default: '5' },
    'seeds-real': { type: 'string', default: '1' },
    /** First seed to run (with --append, adds seeds to an earlier run's results without rerunning its seeds). */
    'first-seed': { type: 'string', default: '0' },
    jobs: { type: 'string', default: '2' },
    config: { type: 'string', default: '{}' },
    'no-record': { type: 'boolean', default: false },
    /** Record an earlier run's results (bench/results/latest.json) again without training. */
    'from-results': { type: 'boolean', default: false },
    /** Keep the results of earlier runs (bench/results/latest.json) and add this run's; a rerun job replaces its old result. */
    append: { type: 'boolean', default: false },
  },
});
/** Tasks drawn from generators (no shared data needed); they run with --seeds, the real tasks with --seeds-real. */
const synthetic = (task: string) => task.startsWith('semicircles') || task.startsWith('demo-') || ['blob', 'arcs', 'turn', 'expand', 'split', 'counts', 'paces', 'shrink'].includes(task);
const tasks = values.tasks!.split(',').filter((t) => synthetic(t) || existsSync(SHARED));
const variants = values.variants!.split(',');
const extra = values['semicircles-extra'] ? values['semicircles-extra'].split(',') : [];
// The demo tasks always get their seed-to-seed noise floor as a row.
const methodsFor = (task: string) => (task === 'semicircles' ? [...variants, ...extra] : task.startsWith('demo-') ? [...variants, NOISE_FLOOR] : variants);
const seedsFor = (task: string) => (synthetic(task) ? Number(values.seeds) : Number(values['seeds-real']));
// Seed 0 of every task first, so a run stopped early still covers every task.
const jobs: [string, string, number][] = [];
const maxSeeds = Math.max(...tasks.map(seedsFor));
for (let s = Number(values['first-seed']); s < maxSeeds; s++) for (const task of tasks) if (s < seedsFor(task)) for (const m of methodsFor(task)) jobs.push([task, m, s]);

function runJob([task, variant, seed]: [string, string, number]): Promise<JobResult | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./job.ts', import.meta.url).pathname, task, variant, String(seed), values.config!], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${task} ${variant} seed ${seed} failed (exit ${code})`));
      const line = out.trim().split('\n').pop()!;
      resolve(line === 'null' ? null : fromJson<JobResult>(line));
    });
  });
}

/** Table row names from the method registry (baselines marked as such). */
const rowName = (m: string): string => {
  if (m === NOISE_FLOOR) return 'noise floor: the real network from another seed';
  const e = METHOD_REGISTRY[m as Method];
  return e ? (e.family === 'baseline' ? `baseline: ${e.label}` : e.label) : m;
};
const PUBLISHED: Record<string, Record<string, string>> = {
  semicircles: { full: 'NLL −0.662, dist 0.016', euclidean: 'NLL 105.7, dist 0.323' },
  moons: { full: 'W2² 0.060' },
  ett: { full: 'MSE 0.608' },
};
const COLUMNS: Record<string, [string, string, number][]> = {
  semicircles: [['nll', 'NLL (held-out t = 0.25, 0.75)', 3], ['dist', 'circle distance', 4], ['w2', 'W2 per class', 3]],
  'semicircles-sparse': [['nll', 'NLL (t = 0.25, 0.5, 0.75; anchors 0, 1)', 3], ['dist', 'circle distance', 4], ['w2', 'W2 per class', 3]],
  moons: [['w2sq', 'squared W2 per class (8 held-out p)', 4]],
  'moons-sparse': [['w2sq', 'squared W2 per class (9 held-out p; anchors 0, 0.99)', 4]],
  ett: [['mse', 'MSE (5 held-out τ, raw units)', 3], ['w2', 'W2', 3]],
  cancer: [['w2', 'W2 per state (8 held-out weights)', 3]],
  'cancer-sparse': [['w2', 'W2 per state (9 held-out weights; anchors 0, 10)', 3]],
  blob: [['w2', 'W2 (held-out λ = 0.5, 2, 2.5; anchors 0, 1, 3)', 3]],
  arcs: [['w2', 'W2 per class (held-out 0.1, 0.4, 0.6, 0.8; anchors 0, 0.2, 1)', 3]],
  turn: [['w2', 'W2 per input (held-out 0.5, 1.5; anchors 0, 1, 2)', 3]],
  expand: [['w2', 'W2 (held-out λ = 0.25, 1, 1.25; anchors 0, 0.5, 1.5)', 3]],
  split: [['w2', 'W2 (held-out λ = 0.25, 0.75; anchors 0, 0.5, 1)', 3]],
  counts: [['w2', 'W2 (held-out λ = 0.5, 1.5; anchors 0, 1, 2 of 60, 500, 300 points)', 3]],
  paces: [['w2', 'W2 per class (held-out λ = 0.5, 1.5; anchors 0, 1, 2)', 3]],
  shrink: [['w2', 'W2 (held-out λ = 0.5, 1.5; anchors 0, 1, 2)', 3]],
  'demo-quantile': [['mse', 'MSE (held-out τ = 0.15, 0.4, 0.6, 0.85)', 4], ['w2', 'W2', 3]],
  'demo-classifier': [['mse', 'MSE of logits (held-out decay 0.002, 0.006, 0.015, 0.035)', 3], ['w2', 'W2', 3]],
  'demo-generative': [['w2', 'W2 (held-out β = 0.15, 0.45, 0.7, 0.9)', 3]],
};
/** Columns of every task: how the method reproduces its own training anchors, and whether it keeps the spread. */
const FIDELITY_COLUMNS: [string, string, number][] = [
  ['anchorRatio', 'anchor W2 / floor (max over anchors)', 2],
  ['spreadRatio', 'spread ratio (held-out, mean)', 3],
];

const results: JobResult[] = [];
const t0 = performance.now();
const resultsDir = new URL('./results/', import.meta.url);
/** Where a --no-record run writes its results instead (outside the repository). */
const unrecordedFile = join(tmpdir(), 'hti-bench-unrecorded.json');
mkdirSync(resultsDir, { recursive: true });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, tfjs wasm backend (Node, single-threaded), ${values.jobs} jobs in parallel`;
const failures: string[] = [];
let done = 0;
const ALL_TASKS = ['semicircles', 'semicircles-sparse', 'blob', 'arcs', 'turn', 'expand', 'split', 'counts', 'paces', 'shrink', 'moons', 'moons-sparse', 'ett', 'cancer', 'cancer-sparse', 'demo-quantile', 'demo-classifier', 'demo-generative'];
const ORDER = ['euclidean', 'euclidean+potential', 'metric', 'full', 'fixed-metric', 'fixed-metric+potential', 'identity', 'nearest', 'mccann', 'cfm', 'ot-cfm', 'regression', NOISE_FLOOR];
if (values.append && existsSync(new URL('./latest.json', resultsDir))) {
  const prev = fromJson<{ results: JobResult[]; failures?: string[] }>(readFileSync(new URL('./latest.json', resultsDir), 'utf8'));
  const rerun = new Set(jobs.map((j) => j.join('|')));
  results.push(...(prev.results as JobResult[]).filter((r) => !rerun.has([r.task, r.variant, r.seed].join('|'))));
}
if (values['from-results']) {
  const prev = fromJson<{ results: JobResult[]; failures?: string[] }>(readFileSync(new URL('./latest.json', resultsDir), 'utf8'));
  results.push(...prev.results);
  failures.push(...(prev.failures ?? []));
  jobs.length = 0;
} else {
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(values.jobs) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        let r: JobResult | null = null;
        try {
          r = await runJob(job);
        } catch (e) {
          failures.push((e as Error).message);
          process.stderr.write(`${(e as Error).message}\n`);
        }
        done++;
        if (r) {
          results.push(r);
          const main = Object.entries(r.metrics).filter(([k]) => !k.includes('@')).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ');
          process.stderr.write(`[${done}/${jobs.length}] ${r.task} ${r.variant} seed ${r.seed}: ${main} (${r.trainSeconds.toFixed(0)} s)\n`);
        }
        // Record after every job, so an interrupted run keeps what it measured. An unrecorded run keeps
        // its results out of latest.json, whose tables BENCHMARKS.md shows (one such run once replaced them).
        writeFileSync(values['no-record'] ? unrecordedFile : new URL('./latest.json', resultsDir), toJson({ machine, config: values.config, results, failures }, 2));
        if (!values['no-record']) record(render(false));
      }
    }),
  );
}

function render(final: boolean): string {
  const wall = (performance.now() - t0) / 1000;
  const lines: string[] = [];
  for (const task of ALL_TASKS) {
    const rows = results.filter((r) => r.task === task);
    if (!rows.length) continue;
    const cols = [...COLUMNS[task], ...FIDELITY_COLUMNS];
    const seeds = new Set(rows.map((r) => r.seed)).size;
    lines.push(`### ${task} (${seeds} seed${seeds > 1 ? 's' : ''}${seeds > 1 ? ', mean ± 95% CI' : ''})`, '');
    lines.push(`| method | ${cols.map((c) => c[1]).join(' | ')} | steps/s | train time (s) | published |`);
    lines.push(`|---|${cols.map(() => '---').join('|')}|---|---|---|`);
    for (const v of ORDER) {
      const rs = rows.filter((r) => r.variant === v);
      if (!rs.length) continue;
      // Results rebuilt from printed job lines have no steps/s (NaN): the rate is over the runs that recorded it.
      const rates = rs.map((r) => r.stepsPerSecond).filter(Number.isFinite);
      const rate = rs[0].steps > 0 && rates.length ? fmtCi(rates, 1) : '—';
      lines.push(
        `| ${rowName(v)} | ${cols.map(([k, , d]) => cell(rs.map((r) => r.metrics[k]), d)).join(' | ')} | ` +
          `${rate} | ${fmtCi(rs.map((r) => r.trainSeconds), 1)} | ${PUBLISHED[task]?.[v] ?? ''} |`,
      );
    }
    lines.push('');
  }
  if (failures.length) lines.push(`Failed jobs: ${failures.join('; ')}`, '');
  const status = final ? '' : ` **In progress: ${done} of ${jobs.length} jobs of this run done.**`;
  const header = values['from-results']
    ? `Tables rendered ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC from bench/results/latest.json, measured in earlier runs on ${machine}; the slider latency below was measured at rendering.${status}`
    : `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; config overrides ${values.config}; wall time ${(wall / 60).toFixed(1)} min${values.append ? ' (rows of earlier runs in bench/results/latest.json kept; their times were measured in those runs)' : ''}.${status}`;
  return [header, '', ...lines].join('\n');
}

/** Mean ± CI of one metric over seeds; '—' where a result lacks it (recorded before the metric existed). */
function cell(xs: (number | undefined)[], digits: number): string {
  return xs.some((x) => x === undefined) ? '—' : fmtCi(xs as number[], digits);
}

function record(table: string): void {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${begin}\n${end}\n`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  const updated = i >= 0 && j > i ? `${doc.slice(0, i + begin.length)}\n${table}\n${doc.slice(j)}` : `${doc}\n${begin}\n${table}\n${end}\n`;
  writeFileSync(file, updated);
}

await import('../src/core/tfjs/backend').then((b) => b.switchBackend('wasm'));
const latency = await samplingLatency();
const latencyText = [
  '### Slider latency (4,000 samples)',
  '',
  `new λ in a cached interval: median ${latency.cachedMedianMs.toFixed(2)} ms, max ${latency.cachedMaxMs.toFixed(2)} ms over 200 values; ` +
    `preparing an interval (maps and path network, once): ${latency.prepareMs.toFixed(0)} ms.`,
  '',
].join('\n');
const table = `${render(true)}\n${latencyText}`;
process.stdout.write(`${table}\n`);
if (!values['no-record']) record(table);

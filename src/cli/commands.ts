import { ClotSurrogate } from '../core/surrogate/clot';
import { TIMINGS, variantParts, type ClotConfig, type Timing } from '../core/config';
import { createSurrogate, trainSurrogate } from '../core/surrogate/build';
import { evaluateSurrogate } from '../core/surrogate/evaluate';
import { anchorFidelity } from '../core/surrogate/fidelity';
import { METHODS, type Method } from '../core/sampling/types';
import { methodsOf, type MethodEntry } from '../core/surrogate/methods';
import type { TensorLayout } from '../core/data/tensor';
import { toLongCsv } from '../core/data/write-csv';
import { POTENTIAL_REASON_TEXT } from '../core/geometry/potential-weight';
import { metricChoiceText } from '../core/geometry/straight-check';
import { widthLawText } from '../core/clot/width-law-text';
import { ASSUMED_PACE_LINE, assumedPaceText, paceIsAssumed } from '../core/clot/pace-assumption';
import { CouplingLimitError, samplesPerAnchorThatFit } from '../core/baselines/coupling';
import { subsampleAnchors } from '../core/data/subsample';
import { EXACT_W2_MAX } from '../core/metrics/w2';
import { HtiError } from '../core/errors';
import { conditionKeys } from '../core/data/groups';
import type { AnchorSet } from '../core/data/types';
import { int, num, numList, UsageError } from './args';
import { dataWarnings } from '../core/data/warnings';
import { assertWritable, loadData, loadDataWithTruth, loadModelFile, writeFileAtomic } from './io';
import { formatEval, formatFidelity } from './format-eval';
import { progressPrinter } from './progress';
import { backendFrom, parse } from './options';
import { demoDataCommand, DEMO_DATA_USAGE } from './demo-data';
import type { AnchorFidelity } from '../core/sampling/types';

/** W2 / sampling floor above which an anchor counts as missed. */
const FIDELITY_LIMIT = 1.25;

/** The help's lines for one family of methods, from the registry. */
function methodHelp(family: MethodEntry['family']): string {
  const entries = methodsOf(family);
  const width = Math.max(...entries.map((e) => e.id.length));
  return entries.map((e) => `  ${e.id.padEnd(width)}  ${e.label}: ${e.description}`).join('\n');
}

export const USAGE = `hti — hyperparameter trajectory inference (conditional Lagrangian optimal transport)

usage:
  hti train DATA --out MODEL.json [--variant V] [--iters N] [--seed N] [--backend wasm|cpu|webgpu]
                 [--bandwidth h|auto] [--cond-bandwidth h] [--alpha a|auto]
                 [--timing calibrated|constant-speed|uniform] [--subsample N]
  hti sample MODEL.json --lambda L [--n N] [--seed N] [--out FILE.csv]
  hti eval MODEL.json DATA [--seed N] [--json FILE]
  hti demo-data TASK --out FILE.csv [--lambdas l1,l2,…] [--seed N] [--backend wasm|cpu]

DATA is a long CSV (columns lambda, y0…, then class or c0…), the same in JSON,
preset:NAME for a built-in dataset (semicircles, dropout-moons, quantile-fan),
or a [T, N, D+C] array in .npy / PyTorch .pt, which also needs
  --lambdas l0,l1,…  (one per anchor)  --dim-y D  [--cond auto|none|class|continuous]

--variant (default full):
${methodHelp('clot')}
baselines (also via --variant):
${methodHelp('baseline')}
preset:NAME@l1,l2 draws fresh samples of a built-in generator at other λ (held-out truth).
bandwidths are in standardised units (outputs scaled to unit spread); the default
--bandwidth auto is 0.07 × the typical spread of a class at an anchor, at least 0.03.
--timing (default calibrated) sets where a sample sits between anchors: calibrated
follows the pace the anchors show (smooth between them); constant-speed moves at one
speed per interval, for a knob known to act abruptly; uniform is the published timing.
--subsample N trains on at most N samples per anchor (the same seeded draw whatever --seed
says, each class keeping its share), as the explorer offers on upload. The exact coupling
matches at most ${EXACT_W2_MAX} rows per class (or per anchor without classes); larger data fails at
once with the N that fits. Time grows fast with N: 2,000 rows at each of three anchors trained
in 1.5 minutes on two cores, 4,000 in 8 (BENCHMARKS.md).

${DEMO_DATA_USAGE}`;

const dataOptions = {
  lambdas: { type: 'string' },
  'dim-y': { type: 'string' },
  cond: { type: 'string' },
} as const;

function layoutFrom(values: { lambdas?: string; 'dim-y'?: string; cond?: string }): TensorLayout | undefined {
  const lambdas = numList('lambdas', values.lambdas);
  const dimY = int('dim-y', values['dim-y'], 1);
  if (lambdas === undefined && dimY === undefined && values.cond === undefined) return undefined;
  if (lambdas === undefined || dimY === undefined) throw new UsageError('--lambdas and --dim-y go together (for .npy and .pt data)');
  const cond = values.cond ?? 'auto';
  if (!['auto', 'none', 'class', 'continuous'].includes(cond)) throw new UsageError(`--cond must be auto, none, class or continuous, got "${cond}"`);
  return { lambdas, dimY, condition: cond as TensorLayout['condition'] };
}

/** --timing: one of the config's timings. */
function timingFrom(v: string | undefined): Timing | undefined {
  if (v === undefined) return undefined;
  if (!(TIMINGS as readonly string[]).includes(v)) throw new UsageError(`--timing must be one of ${TIMINGS.join(', ')}, got "${v}"`);
  return v as Timing;
}

/** A setting that takes a number or 'auto' (derived from the data): --bandwidth (positive), --alpha (≥ 0). */
function numberOrAuto(flag: 'bandwidth' | 'alpha', v: string | undefined): number | 'auto' | undefined {
  if (v === undefined || v.trim().toLowerCase() === 'auto') return v === undefined ? undefined : 'auto';
  const x = Number(v);
  const positive = flag === 'bandwidth';
  if (v.trim() === '' || !Number.isFinite(x) || (positive ? x <= 0 : x < 0)) {
    throw new UsageError(`--${flag} expects a ${positive ? 'positive number' : 'number ≥ 0'} or auto, got "${v}"`);
  }
  return x;
}

/** How the model's potential was set, for the training log ('' for a variant without one). */
function potentialSummary(model: unknown): string {
  if (!(model instanceof ClotSurrogate) || !variantParts(model.model.config.variant).potential) return '';
  const m = model.model;
  if (!m.potential) {
    return m.alphaReason ? `, no potential (α auto = 0: ${POTENTIAL_REASON_TEXT[m.alphaReason]})` : ', no potential (α = 0)';
  }
  return `, potential α = ${m.alpha}${m.alphaReason ? ` (auto: ${POTENTIAL_REASON_TEXT[m.alphaReason]})` : ''}, bandwidth h = ${m.bandwidth.toPrecision(3)}`;
}

/** Whether a learned metric learns or is held, for the training log ('' for other variants). */
function metricSummary(model: unknown): string {
  const choice = model instanceof ClotSurrogate ? model.model.metricChoice : null;
  return choice ? `, ${metricChoiceText(choice)}` : '';
}

/** A continuous condition's key (its values joined by commas, full precision) as a reader wants it: 4 significant digits, at most three dims. */
export function conditionValue(key: string): string {
  const values = key.split(',').map((v) => String(Number(Number(v).toPrecision(4))));
  return values.length === 1 ? values[0] : `(${values.slice(0, 3).join(', ')}${values.length > 3 ? ', …' : ''})`;
}

/**
 * How samples are timed between anchors, for the training log: one pace for every row, or which
 * condition groups keep their own (pace.ts groupLengths); with two anchors, that it is assumed
 * (pace-assumption.ts). '' where the calibrated pace does not follow the coupled moves (other
 * timings, no coupling).
 */
function paceSummary(model: unknown): string {
  if (!(model instanceof ClotSurrogate)) return '';
  const m = model.model;
  if (paceIsAssumed(m.lambdas, m.config.timing)) return `${ASSUMED_PACE_LINE}\n`;
  if (!m.moveNoise()) return '';
  const groups = Object.keys(m.groupMoveNoise() ?? {}).length;
  const name = (key: string) => (m.data.condition.kind === 'continuous' ? `c = ${conditionValue(key)}` : key);
  const own = Object.keys(m.groupPaceLengths() ?? {}).map(name);
  const back = m.groupsTurningBack().map(name);
  const listed = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
  const turning = back.length
    ? `; ${back.length} of the ${groups} condition groups ${back.length === 1 ? 'turns' : 'turn'} back at an anchor (${listed(back)}), where chords count ${back.length === 1 ? 'its' : 'their'} travel short, and ${back.length === 1 ? 'keeps' : 'keep'} the shared pace`
    : '';
  if (own.length === 0) {
    const agree = groups && !back.length ? ` (each of the ${groups} condition groups agrees with it within its sampling noise)` : '';
    return `pace across anchors: one for every row${agree}${turning}\n`;
  }
  return `pace across anchors: its own for ${own.length} of ${groups} condition groups (${listed(own)})${own.length < groups ? ', the shared one for the rest' : ''}${turning}\n`;
}

/** Which groups' widths follow a law other than linear between anchors (clot/width-profile.ts), a line saying so; else nothing. */
function widthSummary(model: unknown): string {
  if (!(model instanceof ClotSurrogate)) return '';
  const laws = model.model.widthEvidence()?.laws ?? {};
  const list = Object.entries(laws).map(([key, law]) => ({ name: key, power: law.power }));
  const text = widthLawText(model.data.condition.kind, list, groupCount(model.data));
  return text ? `widths: ${text}\n` : '';
}

/** How many condition groups the data has (classes, condition values, or one). */
function groupCount(data: AnchorSet): number {
  return new Set(data.anchors.flatMap((a) => conditionKeys(data, a))).size;
}

/** Which anchors --subsample cut, and to how many rows. */
function subsampleSummary(before: AnchorSet, after: AnchorSet, limit: number): string {
  const cut = before.anchors.map((a, k) => [a, after.anchors[k]] as const).filter(([a, b]) => b.n < a.n);
  if (cut.length === 0) return `--subsample ${limit}: every anchor has at most ${limit} samples, all kept\n`;
  const kept = cut.length < before.anchors.length ? ' (the others kept whole)' : '';
  return `--subsample ${limit}: ${cut.map(([a, b]) => `λ = ${a.lambda} ${a.n} → ${b.n}`).join(', ')}${kept}\n`;
}

/** Runs `f`; a condition group beyond the exact coupling's limit fails with the --subsample that fits. */
function withSubsampleHint<T>(data: AnchorSet, f: () => T): T {
  const hint = (e: unknown): never => {
    if (!(e instanceof CouplingLimitError)) throw e;
    const fit = samplesPerAnchorThatFit(data);
    const share = data.condition.kind === 'class' ? ' (each class keeps its share)' : '';
    throw new HtiError(`${data.source}: ${e.message}; pass --subsample ${fit ?? EXACT_W2_MAX} to train on a seeded subsample that fits${share}`);
  };
  try {
    const out = f();
    return out instanceof Promise ? (out.catch(hint) as T) : out;
  } catch (e) {
    return hint(e);
  }
}

async function trainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    variant: { type: 'string' },
    iters: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string' },
    bandwidth: { type: 'string' },
    'cond-bandwidth': { type: 'string' },
    alpha: { type: 'string' },
    timing: { type: 'string' },
    subsample: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    ...dataOptions,
  });
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length !== 1) throw new UsageError('train needs exactly one DATA file');
  if (!v.out) throw new UsageError('train needs --out MODEL.json');
  if (v.variant !== undefined && !(METHODS as readonly string[]).includes(v.variant as string)) {
    throw new UsageError(`--variant must be one of ${METHODS.join(', ')}, got "${v.variant}"`);
  }
  const overrides: Partial<ClotConfig> = {
    iterations: int('iters', v.iters as string | undefined, 0),
    seed: int('seed', v.seed as string | undefined, 0),
    bandwidth: numberOrAuto('bandwidth', v.bandwidth as string | undefined),
    condBandwidth: num('cond-bandwidth', v['cond-bandwidth'] as string | undefined),
    alpha: numberOrAuto('alpha', v.alpha as string | undefined),
    timing: timingFrom(v.timing as string | undefined),
  };
  const subsample = int('subsample', v.subsample as string | undefined, 2);
  assertWritable(v.out as string, '--out', [positionals[0]]);
  const loaded = loadData(positionals[0], layoutFrom(v as Record<string, string>));
  // Seed 0, as the explorer's "Subsample" uses: --seed varies the training, not the data.
  const data = subsample === undefined ? loaded : subsampleAnchors(loaded, subsample, 0);
  if (!v.quiet && data !== loaded) process.stderr.write(subsampleSummary(loaded, data, subsample!));
  if (!v.quiet) for (const w of dataWarnings(data)) process.stderr.write(`warning: ${w}\n`);
  const backend = await backendFrom(v.backend as string | undefined);
  const method = (v.variant ?? 'full') as Method;
  const model = withSubsampleHint(data, () => createSurrogate(data, method, overrides));
  const out = v.out as string;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = progressPrinter();
  const t0 = performance.now();
  if (!v.quiet) {
    const counts = data.anchors.map((a) => a.n).join('/');
    process.stderr.write(
      `training ${method} on ${data.source}: ${data.anchors.length} anchors (λ = ${model.lambdas.join(', ')}; ${counts} samples), ` +
        `D = ${data.dimY}, condition ${data.condition.kind}, backend ${backend}` +
          potentialSummary(model) +
          metricSummary(model) +
          (model.plannedSteps === 0 ? ' (no network to train)\n' : `, ${model.plannedSteps} steps\n`),
    );
  }
  try {
    const completed = await withSubsampleHint(data, () => trainSurrogate(model, { signal: controller.signal, onProgress: v.quiet ? undefined : progress.update }));
    progress.done();
    if (!completed) {
      process.stderr.write(`hti: interrupted after ${model.stepsDone} steps; ${out} was not written\n`);
      return 130;
    }
    const seconds = (performance.now() - t0) / 1000;
    // Stored with the model so every reader (hti eval, the app) can warn when an anchor is missed.
    const fidelity = await anchorFidelity(model, { seed: overrides.seed });
    if (!v.quiet) process.stderr.write(fidelitySummary(fidelity) + paceSummary(model) + widthSummary(model));
    const file = await model.serialize({ steps: model.stepsDone, seconds, backend, fidelity });
    writeFileAtomic(out, JSON.stringify(file));
    if (!v.quiet) process.stderr.write(`wrote ${out} (${model.stepsDone} steps in ${seconds.toFixed(1)} s)\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    model.dispose();
  }
}

async function sampleCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    lambda: { type: 'string', short: 'l' },
    n: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', short: 'o' },
    backend: { type: 'string' },
  });
  const v = values as Record<string, string | undefined>;
  if (positionals.length !== 1) throw new UsageError('sample needs exactly one MODEL.json');
  const lambda = num('lambda', v.lambda);
  if (lambda === undefined) throw new UsageError('sample needs --lambda L');
  const n = int('n', v.n, 1);
  if (v.out) assertWritable(v.out, '--out', [positionals[0]]);
  await backendFrom(v.backend);
  const { surrogate: model } = loadModelFile(positionals[0]);
  try {
    const sampler = model.sampler({ n, seed: int('seed', v.seed, 0) });
    const table = await sampler.sample(lambda);
    const csv = toLongCsv([table]);
    // Each start row's path is fixed: beyond the first anchor's rows, samples repeat them (README, "sample").
    const rows = model.data.anchors[0].n;
    if (table.n > rows) process.stderr.write(`note: ${table.n} samples from the first anchor's ${rows} rows, each on a fixed path, so ${table.n - rows} repeat one of them\n`);
    // Between two anchors only, the samples' place along their paths is assumed: say so beside the data.
    if (model instanceof ClotSurrogate) {
      const note = assumedPaceText(model.model.lambdas, model.model.config.timing, lambda, String, 'samples');
      if (note) process.stderr.write(`note: ${note[0].toLowerCase()}${note.slice(1)}\n`);
    }
    if (v.out) {
      writeFileAtomic(v.out, csv);
      process.stderr.write(`wrote ${v.out}: ${table.n} samples at λ = ${lambda}\n`);
    } else process.stdout.write(csv);
    return 0;
  } finally {
    model.dispose();
  }
}

async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { seed: { type: 'string' }, backend: { type: 'string' }, json: { type: 'string' }, ...dataOptions });
  const v = values as Record<string, string | undefined>;
  if (positionals.length !== 2) throw new UsageError('eval needs MODEL.json and DATA');
  if (v.json) assertWritable(v.json, '--json', positionals);
  await backendFrom(v.backend);
  const { surrogate: model } = loadModelFile(positionals[0]);
  try {
    // A held-out truth may hold a single λ (hti demo-data TASK --lambdas 0.4).
    const { data, truth } = loadDataWithTruth(positionals[1], layoutFrom(v), 'evaluation');
    const seed = int('seed', v.seed, 0) ?? 0;
    const result = await evaluateSurrogate(model, data, { seed, truth });
    const anchors = await anchorFidelity(model, { seed });
    process.stdout.write(formatEval(result, model.method) + formatFidelity(anchors, model.data.anchors[0].n));
    // Infinity (a ratio over a zero floor) and NaN (no spread to compare) stay readable instead of becoming null.
    if (v.json) writeFileAtomic(v.json, JSON.stringify({ ...result, anchors }, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2));
    return 0;
  } finally {
    model.dispose();
  }
}

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  train: trainCommand,
  sample: sampleCommand,
  eval: evalCommand,
  'demo-data': demoDataCommand,
};


/** One line on how the trained surrogate reproduces its anchors, and a warning where it misses one. */
function fidelitySummary(rows: AnchorFidelity[]): string {
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const line = `anchor fidelity: worst W2 / sampling floor ${worst.ratio.toFixed(2)} at λ = ${worst.lambda}`;
  const missed = rows.filter((r) => r.ratio > FIDELITY_LIMIT);
  return missed.length
    ? `${line}\nwarning: the surrogate misses ${missed.length === 1 ? 'the anchor' : 'the anchors'} λ = ${missed.map((r) => r.lambda).join(', ')} (W2 above ${FIDELITY_LIMIT}× the sampling floor); its interpolation there is not trustworthy\n`
    : `${line} (within ${FIDELITY_LIMIT}× the floor at every anchor)\n`;
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeFileSync } from 'node:fs';
import { useBackend, isBackendName, BACKENDS, type BackendName } from '../core/backend';
import { evaluateModel } from '../core/clot/evaluate';
import { ClotModel } from '../core/clot/model';
import { trainModel } from '../core/clot/run';
import { Sampler } from '../core/clot/sampler';
import { serializeModel } from '../core/clot/serialize';
import { VARIANTS, type ClotConfig, type Variant } from '../core/config';
import type { TensorLayout } from '../core/data/tensor';
import { toLongCsv } from '../core/data/write-csv';
import { HtiError } from '../core/errors';
import { int, num, numList, UsageError } from './args';
import { loadData, loadModelFile, writeFileAtomic } from './io';
import { progressPrinter } from './progress';

export const USAGE = `hti — hyperparameter trajectory inference (conditional Lagrangian optimal transport)

usage:
  hti train DATA --out MODEL.json [--variant V] [--iters N] [--seed N] [--backend wasm|cpu|webgpu]
                 [--bandwidth h] [--cond-bandwidth h] [--alpha a]
  hti sample MODEL.json --lambda L [--n N] [--seed N] [--out FILE.csv]
  hti eval MODEL.json DATA [--seed N]

DATA is a long CSV (columns lambda, y0…, then class or c0…), the same in JSON,
preset:NAME for a built-in dataset (semicircles, dropout-moons, quantile-fan),
or a [T, N, D+C] array in .npy / PyTorch .pt, which also needs
  --lambdas l0,l1,…  (one per anchor)  --dim-y D  [--cond auto|none|class|continuous]

variants: ${VARIANTS.join(', ')} (default full = K_θ − U)
bandwidths are in standardised units (outputs scaled to unit spread).
`;

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

async function backendFrom(v: string | undefined): Promise<BackendName> {
  const name = v ?? 'wasm';
  if (!isBackendName(name) || name === 'webgl') throw new UsageError(`--backend must be wasm, cpu or webgpu, got "${name}"`);
  await useBackend(name);
  return name;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

export async function trainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    variant: { type: 'string' },
    iters: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string' },
    bandwidth: { type: 'string' },
    'cond-bandwidth': { type: 'string' },
    alpha: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    ...dataOptions,
  });
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length !== 1) throw new UsageError('train needs exactly one DATA file');
  if (!v.out) throw new UsageError('train needs --out MODEL.json');
  if (v.variant !== undefined && !(VARIANTS as readonly string[]).includes(v.variant as string)) {
    throw new UsageError(`--variant must be one of ${VARIANTS.join(', ')}, got "${v.variant}"`);
  }
  const overrides: Partial<ClotConfig> = {
    variant: v.variant as Variant | undefined,
    iterations: int('iters', v.iters as string | undefined, 0),
    seed: int('seed', v.seed as string | undefined, 0),
    bandwidth: num('bandwidth', v.bandwidth as string | undefined),
    condBandwidth: num('cond-bandwidth', v['cond-bandwidth'] as string | undefined),
    alpha: num('alpha', v.alpha as string | undefined),
  };
  const data = loadData(positionals[0], layoutFrom(v as Record<string, string>));
  const backend = await backendFrom(v.backend as string | undefined);
  const model = new ClotModel(data, overrides);
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
      `training ${model.config.variant} on ${data.source}: ${data.anchors.length} anchors (λ = ${model.lambdas.join(', ')}; ${counts} samples), ` +
        `D = ${data.dimY}, condition ${data.condition.kind}, backend ${backend}, ${model.config.iterations} steps\n`,
    );
  }
  try {
    const { completed } = await trainModel(model, { signal: controller.signal, onProgress: v.quiet ? undefined : progress.update });
    progress.done();
    if (!completed) {
      process.stderr.write(`hti: interrupted after ${model.stepsDone} steps; ${out} was not written\n`);
      return 130;
    }
    const seconds = (performance.now() - t0) / 1000;
    const file = await serializeModel(model, { steps: model.stepsDone, seconds, backend });
    writeFileAtomic(out, JSON.stringify(file));
    if (!v.quiet) process.stderr.write(`wrote ${out} (${model.stepsDone} steps in ${seconds.toFixed(1)} s)\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    model.dispose();
  }
}

export async function sampleCommand(args: string[]): Promise<number> {
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
  await backendFrom(v.backend);
  const { model } = loadModelFile(positionals[0]);
  try {
    const sampler = new Sampler(model, { n, seed: int('seed', v.seed, 0) });
    const csv = toLongCsv([await sampler.sample(lambda)]);
    if (v.out) writeFileAtomic(v.out, csv);
    else process.stdout.write(csv);
    return 0;
  } finally {
    model.dispose();
  }
}

export async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { seed: { type: 'string' }, backend: { type: 'string' }, json: { type: 'string' }, ...dataOptions });
  const v = values as Record<string, string | undefined>;
  if (positionals.length !== 2) throw new UsageError('eval needs MODEL.json and DATA');
  await backendFrom(v.backend);
  const { model } = loadModelFile(positionals[0]);
  try {
    const data = loadData(positionals[1], layoutFrom(v));
    const result = await evaluateModel(model, data, int('seed', v.seed, 0) ?? 0);
    const classes = result.rows[0].groups.some((g) => g.label !== null);
    const header = ['lambda', 'kind', 'n', 'W2', ...(classes ? result.rows[0].groups.map((g) => `W2[class ${g.label}]`) : [])];
    const lines = [header];
    for (const r of result.rows) {
      lines.push([
        String(r.lambda),
        r.anchor ? 'anchor' : 'held-out',
        String(r.groups.reduce((s, g) => s + g.n, 0)),
        r.w2.toFixed(4),
        ...(classes ? r.groups.map((g) => g.w2.toFixed(4)) : []),
      ]);
    }
    const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
    for (const l of lines) process.stdout.write(l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
    const heldOut = result.rows.filter((r) => !r.anchor);
    process.stdout.write(`overall W2 (mean over ${result.rows.length} lambda values): ${result.overall.toFixed(4)}\n`);
    if (heldOut.length && heldOut.length < result.rows.length) {
      process.stdout.write(`held-out W2 (mean over ${heldOut.length}): ${(heldOut.reduce((s, r) => s + r.w2, 0) / heldOut.length).toFixed(4)}\n`);
    }
    process.stdout.write(`W2 method: ${result.method}${classes ? ', per class, averaged over classes' : ''}; surrogate started from the first anchor\n`);
    if (result.skipped.length) process.stdout.write(`skipped (outside the anchor range): lambda = ${result.skipped.join(', ')}\n`);
    if (v.json) writeFileSync(v.json, JSON.stringify(result, null, 2));
    return 0;
  } finally {
    model.dispose();
  }
}

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  train: trainCommand,
  sample: sampleCommand,
  eval: evalCommand,
};

export { HtiError, BACKENDS };

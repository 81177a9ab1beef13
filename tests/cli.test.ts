import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_REGISTRY } from '../src/core/surrogate/methods';
import { parseAnchorCsv } from '../src/core/data/csv';
import { BASELINES } from '../src/core/sampling/types';
import { smallCsv } from './helpers/fixtures';
import { classPaces } from '../src/core/datasets/families';

const root = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'hti-cli-'));
const data = join(dir, 'data.csv');
const model = join(dir, 'model.json');
// Small networks and few steps: this checks the command contract, not quality.
const FAST = ['--iters', '4'];

function hti(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/hti.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let trainLog = '';
beforeAll(() => {
  writeFileSync(data, smallCsv([0, 0.5, 1], 6));
  const r = hti('train', data, '--out', model, ...FAST, '--seed', '1');
  if (r.code !== 0) throw new Error(`training failed: ${r.err}`);
  trainLog = r.err;
});

describe('hti CLI', () => {
  it('train writes a model and reports progress on stderr', () => {
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    expect(doc.format).toBe('hti-clot-model');
    expect(doc.training.steps).toBe(4);
    // The default bandwidth and potential weight are 'auto': the log says what they resolved to and why.
    // Groups of 6 rows show no route for the potential to follow, so there is none.
    expect(doc.config.bandwidth).toBe('auto');
    expect(doc.config.alpha).toBe('auto');
    expect(trainLog).toMatch(/no potential \(α auto = 0: no input or class has 10 outputs at consecutive anchors/);
    // The file records what 'auto' chose, so it reloads as trained.
    expect(doc.resolved.alpha).toBe(0);
    expect(doc.resolved.bandwidth).toBeGreaterThanOrEqual(0.03);
  });

  it('train keeps the potential on a curve and drops it on a cloud moving at a steady pace or a shape turning in open space, unless --alpha sets it', () => {
    // 40 points on an arc of the unit circle, turned by 0.3π at each anchor: chords cut it short.
    const arc = [0, 1, 2].flatMap((l) => Array.from({ length: 40 }, (_, i) => { const phi = -0.1 * Math.PI + (0.2 * Math.PI * i) / 39 + 0.3 * Math.PI * l; return `${l},${Math.cos(phi)},${Math.sin(phi)}`; }));
    writeFileSync(join(dir, 'arc.csv'), ['lambda,y0,y1', ...arc].join('\n'));
    const curve = hti('train', 'arc.csv', '--out', 'arc.json', ...FAST);
    expect(curve.code).toBe(0);
    expect(curve.err).toMatch(/potential α = 0\.1 \(auto: the anchors trace curves that straight lines cut short\), bandwidth h = /);
    expect(curve.err).toMatch(/metric learned: an interior anchor sits off the straight lines between its neighbours \(left out, it lies [\d.]+× the sampling noise from those lines by W2\)/);
    expect(Number(curve.err.match(/bandwidth h = ([\d.]+)/)?.[1])).toBeGreaterThanOrEqual(0.03);
    // One blob of 40 rows, no condition, moved by 3 along y at each of three evenly spaced anchors.
    const rows = [0, 1, 2].flatMap((l) => Array.from({ length: 40 }, (_, i) => `${l},${Math.cos(i * 2.4) * 0.3 * Math.sqrt(i / 40)},${3 * l + Math.sin(i * 2.4) * 0.3 * Math.sqrt(i / 40)}`));
    writeFileSync(join(dir, 'cloud.csv'), ['lambda,y0,y1', ...rows].join('\n'));
    const auto = hti('train', 'cloud.csv', '--out', 'cloud.json', ...FAST);
    expect(auto.code).toBe(0);
    expect(auto.err).toMatch(/no potential \(α auto = 0: the anchors show clouds moving at a steady pace\)/);
    // The middle anchor is exactly halfway along the straight lines between its neighbours: the metric is held.
    expect(auto.err).toMatch(/metric held at G = I: straight lines between each anchor's neighbours reproduce it within sampling noise at some point along them \(left out, it lies 0\.00× the sampling noise from those lines by W2\)/);
    // A stick (21 × 3 grid) turning its long axis by 60° about its own centre as it moves 1.5 along x: cut
    // short by chords like the arc, but its anchors cross in a Λ and join only round the crossing.
    const stick = [0, 1, 2].flatMap((l) => Array.from({ length: 63 }, (_, k) => {
      const u = -1 + Math.floor(k / 3) / 10;
      const v = 0.1 * ((k % 3) - 1);
      const th = (Math.PI / 3) * (l + 1);
      return `${l},${1.5 * l + u * Math.cos(th) - v * Math.sin(th)},${u * Math.sin(th) + v * Math.cos(th)}`;
    }));
    writeFileSync(join(dir, 'stick.csv'), ['lambda,y0,y1', ...stick].join('\n'));
    const turning = hti('train', 'stick.csv', '--out', 'stick.json', ...FAST);
    expect(turning.code).toBe(0);
    expect(turning.err).toMatch(/no potential \(α auto = 0: straight lines cut the groups short, but the anchors' data join them only by a long detour/);
    const fixed = hti('train', 'cloud.csv', '--out', 'cloud-fixed.json', ...FAST, '--alpha', '0.1');
    expect(fixed.code).toBe(0);
    expect(fixed.err).toMatch(/potential α = 0\.1, bandwidth h = /);
    expect(JSON.parse(readFileSync(join(dir, 'cloud-fixed.json'), 'utf8')).config.alpha).toBe(0.1);
  });

  it('train --subsample keeps at most N samples per anchor; data beyond the exact coupling fails fast with the N that fits', () => {
    const r = hti('train', 'cloud.csv', '--out', 'cloud-sub.json', ...FAST, '--subsample', '30');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('--subsample 30: λ = 0 40 → 30, λ = 1 40 → 30, λ = 2 40 → 30\n');
    expect(r.err).toContain('3 anchors (λ = 0, 1, 2; 30/30/30 samples)');
    expect(JSON.parse(readFileSync(join(dir, 'cloud-sub.json'), 'utf8')).data.anchors.map((a: { n: number }) => a.n)).toEqual([30, 30, 30]);
    // 4,100 rows at each of two anchors, no classes: one group beyond the coupling's 4,000.
    const rows = [0, 1].flatMap((l) => Array.from({ length: 4100 }, (_, i) => `${l},${(i % 97) / 97 + l},${(i % 89) / 89}`));
    writeFileSync(join(dir, 'big.csv'), ['lambda,y0,y1', ...rows].join('\n'));
    const big = hti('train', 'big.csv', '--out', 'big.json', ...FAST);
    expect(big.code).toBe(1);
    expect(big.err.split('\n').slice(-2).join('\n')).toBe('hti: error: big.csv: the exact coupling is limited to 4000 rows per condition (λ = 0 has 4100); pass --subsample 4000 to train on a seeded subsample that fits\n');
    expect(existsSync(join(dir, 'big.json'))).toBe(false);
  });

  it('train names the condition groups whose paths turn back at an anchor, which keep the shared pace', () => {
    // A travelling wave: each input's output sin(x − 1.2λ), so the inputs past a crest or trough reverse.
    const lines = ['lambda,y0,c0'];
    let u = 1;
    const noise = () => ((u = (u * 48271) % 2147483647) / 2147483647 - 0.5) * 0.2;
    for (const lambda of [0, 1, 2]) {
      for (let i = 0; i < 24; i++) {
        const x = (2 * Math.PI * i) / 24;
        for (let r = 0; r < 8; r++) lines.push(`${lambda},${Math.sin(x - 1.2 * lambda) + noise()},${x}`);
      }
    }
    writeFileSync(join(dir, 'wave.csv'), `${lines.join('\n')}\n`);
    const r = hti('train', 'wave.csv', '--out', 'wave.json', ...FAST);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/; \d+ of the 24 condition groups turn back at an anchor \(c = 0, .*\), where chords count their travel short, and keep the shared pace\n/);
  });

  it('train --timing sets where samples sit between anchors; the file keeps it', () => {
    const r = hti('train', data, '--out', 'constant.json', ...FAST, '--seed', '1', '--timing', 'constant-speed');
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'constant.json'), 'utf8'));
    expect(doc.config.timing).toBe('constant-speed');
    // The default keeps the calibrated pace.
    expect(JSON.parse(readFileSync(model, 'utf8')).config.timing).toBe('calibrated');
  });

  it('train says how samples are timed between anchors: one pace for every row, or which classes keep their own', () => {
    // The small cloud's two classes move alike.
    expect(trainLog).toMatch(/pace across anchors: one for every row \(each of the 2 condition groups agrees with it within its sampling noise\)/);
    // One class slowing down, one speeding up: each keeps its own.
    const paced = classPaces([0, 1, 2], 40, 3);
    const lines = ['lambda,y0,y1,class'];
    for (const a of paced.anchors) for (let i = 0; i < a.n; i++) lines.push(`${a.lambda},${a.y[2 * i]},${a.y[2 * i + 1]},${a.label![i]}`);
    writeFileSync(join(dir, 'paces.csv'), `${lines.join('\n')}\n`);
    const r = hti('train', 'paces.csv', '--out', 'paces.json', ...FAST, '--variant', 'euclidean');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/pace across anchors: its own for 2 of 2 condition groups \(class 0, class 1\)\n/);
    // Other timings have no pace across anchors to report.
    const constant = hti('train', 'paces.csv', '--out', 'paces-constant.json', ...FAST, '--variant', 'euclidean', '--timing', 'constant-speed');
    expect(constant.err).not.toMatch(/pace across anchors/);
    // Two anchors leave nothing to measure a pace by: the log says it is assumed.
    writeFileSync(join(dir, 'paces-two.csv'), `${lines.filter((l) => !l.startsWith('1,')).join('\n')}\n`);
    const two = hti('train', 'paces-two.csv', '--out', 'paces-two.json', ...FAST, '--variant', 'euclidean');
    expect(two.code, two.err).toBe(0);
    expect(two.err).toMatch(/pace: two anchors only, so nothing in the data says how fast the outputs change between them; samples move at a steady pace in λ/);
    expect(two.err).not.toMatch(/pace across anchors/);
    // Samples drawn between the two anchors say so beside the data; at an anchor there is nothing assumed.
    const between = hti('sample', 'paces-two.json', '--lambda', '1', '--n', '3');
    expect(between.code).toBe(0);
    expect(between.err).toBe('note: two anchors only: nothing in the data says how fast the outputs change between them, so these samples assume a steady pace in λ (50 % of the way from λ = 0 to 2). An anchor in between would test it.\n');
    expect(between.out.trim().split('\n')).toHaveLength(4);
    expect(hti('sample', 'paces-two.json', '--lambda', '2', '--n', '3').err).toBe('');
  });

  it('sample writes the long CSV to stdout, loadable again', () => {
    const r = hti('sample', model, '--lambda', '0.25');
    expect(r.code).toBe(0);
    const set = (() => {
      // One λ only: append a second copy at another λ so the loader accepts it as anchors.
      const lines = r.out.trim().split('\n');
      expect(lines[0]).toBe('lambda,y0,y1,class');
      expect(lines.length - 1).toBe(12);
      return parseAnchorCsv(r.out + lines.slice(1).map((l) => l.replace(/^0\.25/, '1')).join('\n'), 'out.csv');
    })();
    expect(set.anchors[0].lambda).toBe(0.25);
  });

  it('sample --n resamples and --out writes a file', () => {
    const out = join(dir, 's.csv');
    const r = hti('sample', model, '--lambda', '0.6', '--n', '30', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(31);
    // The first anchor has 12 rows (2 classes × 6): the other 18 samples repeat them, and the note says so.
    expect(r.err).toMatch(/^note: 30 samples from the first anchor's 12 rows, each on a fixed path, so 18 repeat one of them$/m);
  });

  it('eval prints W2 per λ and per class, and overall', () => {
    const r = hti('eval', model, data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^lambda\s+kind\s+n\s+W2\s+W2\^2\s+W2\[class 0\]\s+W2\[class 1\]\s+spread-ratio$/m);
    expect(r.out).toMatch(/^0\.5\s+anchor\s+12\s+\d+\.\d{4}/m);
    expect(r.out).toMatch(/overall \(mean over 3 lambda values\): W2 \d+\.\d{4}, W2\^2 \d+\.\d{4}, spread ratio \d+\.\d{4}/);
    expect(r.out).toMatch(/W2 exact, per class, averaged/);
  });

  it('eval prints the fidelity at each training anchor and writes it to --json', () => {
    const json = join(dir, 'eval.json');
    const r = hti('eval', model, data, '--json', json);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/training anchors \(samples from all 12 rows of the first anchor against each anchor's own rows\):\nlambda\s+W2\s+floor\s+W2\/floor\s+spread-ratio\n/);
    for (const l of ['0', '0.5', '1']) expect(r.out).toMatch(new RegExp(`^${l.replace('.', '\\.')}\\s+\\d+\\.\\d{4}\\s+\\d+\\.\\d{4}\\s+(\\d+\\.\\d{2}|inf)\\s+\\d+\\.\\d{4}$`, 'm'));
    expect(r.out).toMatch(/max W2\/floor over anchors: (\d+\.\d{2}|inf)/);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.rows).toHaveLength(3);
    expect(doc.rows[0].spreadRatio).toBeGreaterThan(0);
    expect(doc.anchors.map((a: { lambda: number }) => a.lambda)).toEqual([0, 0.5, 1]);
    expect(Object.keys(doc.anchors[0]).sort()).toEqual(['floor', 'groups', 'lambda', 'ratio', 'spreadRatio', 'w2']);
  });

  it('eval prints the held-out spread ratio per λ', () => {
    const file = join(dir, 'semi-identity.json');
    expect(hti('train', 'preset:semicircles', '--variant', 'identity', '--out', file).code).toBe(0);
    const r = hti('eval', file, 'preset:semicircles@0.25,0.75');
    expect(r.code, r.err).toBe(0);
    // Not moving keeps each class's start spread: the ratio is near 1, never 0.
    const ratio = Number(r.out.match(/^0\.25\s+held-out\s+.*\s(\d+\.\d{4})$/m)![1]);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('trains every baseline as a variant whose file sample and eval accept', () => {
    for (const method of BASELINES) {
      const file = join(dir, `${method}.json`);
      const t = hti('train', data, '--variant', method, '--out', file, '--iters', '20');
      expect(t.code, t.err).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).method).toBe(method);
      const s = hti('sample', file, '--lambda', '0.3', '--n', '8');
      expect(s.code, s.err).toBe(0);
      expect(s.out.trim().split('\n')).toHaveLength(9);
      const e = hti('eval', file, data);
      expect(e.code, e.err).toBe(0);
      expect(e.out).toMatch(new RegExp(`method ${method}; W2 exact`));
    }
    // The help lists every method of the registry, each with its label.
    const help = hti('--help').out;
    for (const e of Object.values(METHOD_REGISTRY)) expect(help).toContain(`${e.id.padEnd(e.family === 'clot' ? 22 : 10)}  ${e.label}: ${e.description}`);
  });

  it('eval scores a built-in generator at fresh λ with its true density', () => {
    const file = join(dir, 'semi-nearest.json');
    expect(hti('train', 'preset:semicircles', '--variant', 'nearest', '--out', file).code).toBe(0);
    const r = hti('eval', file, 'preset:semicircles@0.25,0.75');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^lambda\s+kind\s+n\s+W2\s+W2\^2\s+nll\s+dist/);
    expect(r.out).toMatch(/^0\.25\s+held-out\s+400\s/m);
  });

  it.each([
    [['sample', 'model.json', '--lambda', '5'], /outside the anchor range \[0, 1\]/, 1],
    [['sample', 'model.json'], /sample needs --lambda L/, 2],
    [['sample', 'model.json', '--lambda', 'abc'], /--lambda expects a number/, 2],
    [['train', 'missing.csv', '--out', 'x.json'], /missing\.csv: no such file/, 1],
    [['train', 'data.csv'], /train needs --out MODEL\.json/, 2],
    [['train', 'data.csv', '--out', 'x.json', '--variant', 'magic'], /--variant must be one of/, 2],
    [['train', 'data.csv', '--out', 'x.json', '--bandwidth', 'wide'], /--bandwidth expects a positive number or auto, got "wide"/, 2],
    [['train', 'data.csv', '--out', 'x.json', '--alpha', 'strong'], /--alpha expects a number ≥ 0 or auto, got "strong"/, 2],
    [['train', 'data.csv', '--out', 'x.json', '--timing', 'fast'], /--timing must be one of calibrated, constant-speed, uniform, got "fast"/, 2],
    [['frobnicate'], /unknown command "frobnicate"/, 2],
    [['eval', 'data.csv', 'data.csv'], /data\.csv: is not a model file/, 1],
    // A negative value is a value (a knob on a log scale), not a flag.
    [['sample', 'model.json', '--lambda', '-1'], /lambda = -1 is outside the anchor range \[0, 1\]/, 1],
    [['train', 'data.csv', '--out', 'x.json', '--seed', '-1'], /--seed expects an integer ≥ 0, got "-1"/, 2],
    [['sample', 'model.json', '--lamda', '0.5'], /unknown option --lamda \(this command takes --lambda, --n, --seed, --out, --backend; see hti --help\)/, 2],
    // Checked before any work: an output that would replace an input, a folder that is not there.
    [['train', 'data.csv', '--out', 'data.csv'], /--out data\.csv is also this command's input data\.csv; writing would replace it/, 2],
    [['sample', 'model.json', '--lambda', '0.5', '--out', 'model.json'], /--out model\.json is also this command's input model\.json/, 2],
    [['eval', 'model.json', 'data.csv', '--json', 'data.csv'], /--json data\.csv is also this command's input data\.csv/, 2],
    [['train', 'data.csv', '--out', 'nodir/x.json'], /nodir\/x\.json: cannot be written: the folder nodir does not exist/, 1],
    [['train', 'data.csv', '--out', '.'], /\.: is a folder; --out needs a file name/, 1],
    [['train', 'data.csv', '--out', 'x.json', '--lambdas', '0,1', '--dim-y', '2'], /--lambdas, --dim-y and --cond describe \.npy and \.pt arrays; data\.csv names its columns/, 2],
  ])('%j fails with one line and exit %s', (args, pattern, code) => {
    const r = hti(...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(pattern);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('train warns about data that is valid but likely a mistake, and trains it', () => {
    const odd = join(dir, 'odd.csv');
    const rows = ['lambda,y0,y1'];
    for (let i = 0; i < 30; i++) rows.push(`0,${i % 7},${i % 5}`, `1,${1 + (i % 7)},${i % 5}`);
    rows.push('2,3,3');
    writeFileSync(odd, rows.join('\n'));
    const r = hti('train', odd, '--out', join(dir, 'odd.json'), ...FAST);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: the anchor at λ = 2 has 1 row \(the largest has 30\): near it every sample sits on that row$/m);
  });

  it('sample --out says what it wrote', () => {
    const r = hti('sample', model, '--lambda', '0.5', '--out', join(dir, 'half.csv'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*half\.csv: \d+ samples at λ = 0\.5/);
  });

  it('a failed train leaves an existing model untouched', () => {
    const before = readFileSync(model, 'utf8');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'lambda,y0,y1\n0,1,2\n0,oops,2\n1,1,1\n');
    const r = hti('train', bad, '--out', model, ...FAST);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv, row 3, column y0: "oops" is not a number/);
    expect(readFileSync(model, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an interrupted train does not write its output', async () => {
    const out = join(dir, 'interrupted.json');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(root, 'bin/hti.js'), 'train', data, '--out', out, '--iters', '100000'], { cwd: dir });
    // Kills the child even if this test times out before its finally block runs.
    const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
    try {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        if (/step \d+/.test(err) && !child.killed) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(130);
      expect(err).toMatch(/interrupted after \d+ steps; .*interrupted\.json was not written/);
      expect(existsSync(out)).toBe(false);
    } finally {
      // Never leave a training process behind, whatever happened above.
      clearTimeout(guard);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});

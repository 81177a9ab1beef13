import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';
import { generateDemoAnchors } from '../src/core/demo/generate';
import { DEMO_TASKS } from '../src/core/demo/tasks';

const root = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'hti-demo-cli-'));

function hti(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/hti.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('hti demo-data', () => {
  it('writes the networks\' outputs as an anchor CSV that the reader parses back, identical to the core\'s', async () => {
    const out = join(dir, 'anchors.csv');
    const r = hti('demo-data', 'quantile', '--lambdas', '0.75,0.25', '--seed', '3', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^training 2 quantile networks \(quantile τ = 0\.75, 0\.25; seed 3, 600 epochs each\), backend wasm$/m);
    expect(r.err).toMatch(/^network 2\/2 \(λ = 0\.75\): epoch 600\/600 {2}loss \d+\.\d{4}$/m);
    expect(r.err).toMatch(/^wrote .*anchors\.csv: 2 anchors, 41 rows each \(\d+\.\d s\)$/m);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('lambda,y0,c0');
    const set = parseAnchorCsv(text, out);
    expect(set.anchors.map((a) => [a.lambda, a.n])).toEqual([[0.25, 41], [0.75, 41]]);
    const core = await generateDemoAnchors(DEMO_TASKS.quantile, [0.25, 0.75], { seed: 3 });
    expect(set.anchors.map((a) => Array.from(a.y))).toEqual(core.set.anchors.map((a) => Array.from(a.y)));
  });

  it('with one λ writes the held-out truth at that λ', () => {
    const out = join(dir, 'truth.csv');
    const r = hti('demo-data', 'generative', '--lambdas', '0.45', '--out', out, '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('lambda,y0,y1');
    expect(lines).toHaveLength(301);
    expect(lines.slice(1).every((l) => l.startsWith('0.45,'))).toBe(true);
  });

  it('rejects bad input with one line and exit status 2, writing nothing', () => {
    const out = join(dir, 'bad.csv');
    const cases: [string[], string][] = [
      [['demo-data', 'spirals', '--out', out], 'hti: error: unknown demo task "spirals" (one of quantile, classifier, generative)\n'],
      [['demo-data', 'classifier', '--lambdas', '0.01,0.2', '--out', out], "hti: error: --lambdas: λ = 0.2 is outside the classifier task's range [0.001, 0.05] (weight decay)\n"],
      [['demo-data', 'quantile', '--lambdas', '0.5'], 'hti: error: demo-data needs --out FILE.csv\n'],
      [['demo-data', 'quantile', '--lambdas', '0.5,0.5', '--out', out], 'hti: error: --lambdas lists a value twice (0.5,0.5)\n'],
      [['demo-data', '--out', out], 'hti: error: demo-data needs exactly one TASK (quantile, classifier, generative)\n'],
    ];
    for (const [args, message] of cases) {
      const r = hti(...args);
      expect(r.err).toBe(message);
      expect(r.code).toBe(2);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('stops on Ctrl-C (SIGINT) with status 130 and leaves --out unwritten', async () => {
    const out = join(dir, 'interrupted.csv');
    const child = spawn(process.execPath, [join(root, 'bin/hti.js'), 'demo-data', 'generative', '--out', out], { cwd: dir });
    const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
    try {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        // One SIGINT only: a second one, after the command has let go of the signal, would kill Node outright.
        if (err.includes('training 5 generative networks') && !child.killed) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, err).toBe(130);
      expect(err).toContain(`hti: interrupted; ${out} was not written`);
      expect(existsSync(out)).toBe(false);
    } finally {
      clearTimeout(guard);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it('is listed in the help with each task\'s λ, range, default anchors and seed', () => {
    const r = hti('--help');
    expect(r.out).toContain('hti demo-data TASK --out FILE.csv [--lambdas l1,l2,…] [--seed N]');
    expect(r.out).toMatch(/^ {2}quantile {4}λ = quantile τ in \[0\.05, 0\.95\]; default anchors 0\.05,0\.25,0\.5,0\.75,0\.95, seed 0$/m);
    expect(r.out).toMatch(/^ {2}classifier {2}λ = weight decay in/m);
    expect(r.out).toMatch(/^ {2}generative {2}λ = KL weight β in/m);
  });
});

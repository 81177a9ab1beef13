import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineModel } from '../src/core/baselines/model';
import { parseAnchorCsv } from '../src/core/data/csv';
import { anchorSetToJson } from '../src/core/data/json';
import { parseAnchorFile } from '../src/core/data/load';
import { toLongCsv } from '../src/core/data/write-csv';
import { PRESETS } from '../src/core/datasets/presets';
import { DataError } from '../src/core/errors';
import { evaluateSurrogate } from '../src/core/surrogate/evaluate';
import { npyBytes, smallCsv } from './helpers/fixtures';

/** The long CSV of a held-out quantile-fan truth at the given λ (quantiles of the same inputs as the anchors). */
function fanTruthCsv(lambdas: number[]): string {
  const set = PRESETS['quantile-fan'].make(0, lambdas);
  return toLongCsv(set.anchors.map((a) => ({ ...a, dimY: set.dimY, condition: set.condition })));
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected a DataError');
}

describe('one reader, the anchor rule by use', () => {
  it('training refuses a file of one λ with its message; evaluation reads it', () => {
    const csv = fanTruthCsv([0.3]);
    expect(messageOf(() => parseAnchorCsv(csv, 'truth.csv'))).toBe('truth.csv: needs at least two anchors (distinct lambda values), found 1 (lambda = 0.3)');
    const truth = parseAnchorCsv(csv, 'truth.csv', { use: 'evaluation' });
    expect(truth.anchors.map((a) => a.lambda)).toEqual([0.3]);
    expect(truth.condition.kind).toBe('continuous');
  });

  it('holds for every format through parseAnchorFile', () => {
    const one = parseAnchorCsv(smallCsv([0.5], 3), 'one.csv', { use: 'evaluation' });
    const json = new TextEncoder().encode(anchorSetToJson(one));
    expect(messageOf(() => parseAnchorFile('one.json', json))).toContain('needs at least two anchors');
    expect(parseAnchorFile('one.json', json, undefined, { use: 'evaluation' }).anchors).toHaveLength(1);
    const npy = npyBytes([0, 0, 1, 0, 2, 0], [1, 3, 2]);
    const layout = { lambdas: [0.5], dimY: 2 };
    expect(messageOf(() => parseAnchorFile('one.npy', npy, layout))).toContain('needs at least two anchors');
    expect(parseAnchorFile('one.npy', npy, layout, { use: 'evaluation' }).anchors[0].n).toBe(3);
  });

  it('a McCann baseline evaluates against a one-λ truth file: one held-out row', async () => {
    const m = new BaselineModel(PRESETS['quantile-fan'].make(0), { method: 'mccann' });
    const truth = parseAnchorCsv(fanTruthCsv([0.3]), 'truth.csv', { use: 'evaluation' });
    const r = await evaluateSurrogate(m, truth);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ lambda: 0.3, anchor: false, n: truth.anchors[0].n });
    expect(Number.isFinite(r.rows[0].w2)).toBe(true);
    // McCann is straight in τ, the truth is not (Φ⁻¹): a real, non-zero error.
    expect(r.rows[0].mse).toBeGreaterThan(1e-4);
    expect(r.skipped).toEqual([]);
  });
});

describe('hti eval with a one-λ truth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hti-one-'));
  const hti = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(__dirname, '..', 'bin/hti.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('scores the one λ; train still refuses such a file', () => {
    writeFileSync(join(dir, 'data.csv'), smallCsv([0, 0.5, 1], 6));
    writeFileSync(join(dir, 'truth.csv'), smallCsv([0.25], 6));
    const t = hti('train', 'data.csv', '--variant', 'mccann', '--out', 'm.json', '--quiet');
    expect(t.code, t.err).toBe(0);
    const e = hti('eval', 'm.json', 'truth.csv');
    expect(e.code, e.err).toBe(0);
    expect(e.out).toMatch(/^0\.25\s+held-out\s+12\s+\d+\.\d{4}/m);
    expect(e.out).toMatch(/^overall \(mean over 1 lambda value\): W2 \d+\.\d{4}/m);
    const bad = hti('train', 'truth.csv', '--variant', 'mccann', '--out', 'x.json');
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe('hti: error: truth.csv: needs at least two anchors (distinct lambda values), found 1 (lambda = 0.25)');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateSnapshot } from '../src/core/clot/snapshot';
import { configFrom, configMatches, defaultSettings, NUMBER_CONTROLS, queryProblems, SETTINGS_SCHEMA, settingsFromConfig, settingsFromQuery, settingsToQuery } from '../src/app/settings/schema';
import { resolveConfig } from '../src/core/config';

describe('settings schema (defaults, validation, shareable URL)', () => {
  it('round-trips through the query string, listing only non-defaults', () => {
    const s = { ...defaultSettings(), preset: 'quantile-fan' as const, variant: 'metric' as const, seed: 7, lambda: 0.35 };
    const q = settingsToQuery(s);
    expect(q).toBe('preset=quantile-fan&variant=metric&seed=7&lambda=0.35');
    expect(settingsFromQuery(`?${q}`)).toEqual(s);
    expect(settingsToQuery(defaultSettings())).toBe('');
  });

  it('falls back to defaults for invalid values instead of failing', () => {
    const s = settingsFromQuery('?variant=magic&seed=-3&bw=0&alpha=abc&iters=2.5&lambda=&preset=nope&backend=webgpu');
    const d = defaultSettings();
    expect(s).toEqual({ ...d, backend: 'webgpu' });
  });

  it('is the one mapping to the model config: forwards, back on model load, and the pretrained match', () => {
    const s = { ...defaultSettings(), variant: 'euclidean+potential' as const, seed: 5, iterations: 120, bandwidth: 0.05, alpha: 0.3 };
    const config = configFrom(s);
    expect(config).toEqual({ variant: 'euclidean+potential', seed: 5, iterations: 120, bandwidth: 0.05, alpha: 0.3 });
    // Every config the settings produce is valid, and reads back to the same settings.
    const full = resolveConfig(config);
    expect({ ...s, ...settingsFromConfig(full) }).toEqual(s);
    expect(configMatches(full, s)).toBe(true);
    // A different budget is no mismatch (it does not restart training); any restart setting is.
    expect(configMatches({ ...full, iterations: 9 }, s)).toBe(true);
    for (const [name, field] of Object.entries(SETTINGS_SCHEMA)) {
      if (!field.config || field.effect !== 'restart') continue;
      const other = typeof full[field.config] === 'number' ? (full[field.config] as number) + 1 : 'full';
      expect(configMatches({ ...full, [field.config]: other }, s), name).toBe(false);
    }
  });

  it('lists every number control with a label and a plain-words hint', () => {
    expect(NUMBER_CONTROLS.map((c) => c.name).sort()).toEqual(['alpha', 'bandwidth', 'iterations', 'seed']);
    for (const c of NUMBER_CONTROLS) expect(c.hint.length).toBeGreaterThan(20);
  });
});

describe('sampler snapshots', () => {
  it('evaluate the spline between pushed samples in data units', () => {
    // One sample, D = 1, one interval, straight path: y goes 0 → 2 (standardised), scale 3, mean 1.
    const snap = { lambdas: [0, 4], D: 1, nodes: 3, n: 1, yMean: [1], yScale: 3, chain: [new Float32Array([0]), new Float32Array([2])], phis: [null] };
    expect(Array.from(evaluateSnapshot(snap, 1))).toEqual([1 + 3 * 0.5]);
    // A bend with value 1 at every node lifts the middle of the path.
    const bent = { ...snap, phis: [new Float32Array([1, 1, 1])] };
    expect(evaluateSnapshot(bent, 2)[0]).toBeGreaterThan(evaluateSnapshot(snap, 2)[0] + 2);
    expect(evaluateSnapshot(bent, 4)[0]).toBeCloseTo(7, 6);
    expect(() => evaluateSnapshot(snap, 5)).toThrow(/outside the anchor range/);
  });
});

describe('what a number box accepts, in words', () => {
  it('each number setting says its range, and an empty box is a value only where it means auto', () => {
    expect(SETTINGS_SCHEMA.iterations.parse.rule).toBe('a whole number from 1 to 100,000');
    expect(SETTINGS_SCHEMA.seed.parse.rule).toBe('a whole number from 0 to 2,147,483,647');
    expect(SETTINGS_SCHEMA.alpha.parse.rule).toBe('a number from 0 to 100, or empty for auto');
    expect(SETTINGS_SCHEMA.bandwidth.parse.rule).toBe('a number from 0.0001 to 100, or empty for auto');
    expect(SETTINGS_SCHEMA.seed.parse('')).toBeNull();
    expect(SETTINGS_SCHEMA.iterations.parse(' ')).toBeNull();
    expect(SETTINGS_SCHEMA.iterations.parse('2.5')).toBeNull();
    expect(SETTINGS_SCHEMA.iterations.parse('100001')).toBeNull();
    expect(SETTINGS_SCHEMA.iterations.parse('100000')).toBe(100000);
    expect(SETTINGS_SCHEMA.alpha.parse('')).toBe('auto');
    expect(SETTINGS_SCHEMA.alpha.parse('-1')).toBeNull();
  });
});

describe('a link with values that cannot be used', () => {
  it('names each one, what it should be and what is used instead; a valid link has none', () => {
    expect(queryProblems('?seed=-1&variant=bogus&alpha=0.2&present=yes')).toEqual([
      'variant=bogus is not one of full, metric, euclidean, euclidean+potential, fixed-metric, fixed-metric+potential (using full)',
      'seed=-1 is not a whole number from 0 to 2,147,483,647 (using 0)',
      'present=yes is not 1 or 0 (using 0)',
    ]);
    expect(queryProblems('?seed=3&alpha=0.2&lambda=0.4&bw=')).toEqual([]);
    expect(queryProblems('')).toEqual([]);
  });
});

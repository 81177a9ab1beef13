import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The page's main thread loads no tfjs: the workers train and sample, and tfjs in the main bundle
 * cost 860 kB (1,221 kB against 358 kB, BENCHMARKS.md). A rule for the demo panel's anchor list once
 * pulled it back in through core/demo/train.ts. This walks the static, non-type imports from
 * src/app/main.tsx (workers are separate chunks, started with new Worker(new URL(…))) and lists
 * every path that reaches a tfjs package.
 */
const ROOT = resolve(__dirname, '..');
const IMPORT = /^\s*import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const EXPORT_FROM = /^\s*export\s+(?!type\b)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/gm;

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

function tfjsPaths(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const re of [IMPORT, EXPORT_FROM]) {
      for (const m of text.matchAll(re)) {
        const spec = m[1];
        const chain = [...path, spec];
        if (spec.startsWith('@tensorflow/')) found.push(chain.join(' → '));
        else if (spec.startsWith('.')) {
          const next = resolveModule(file, spec);
          if (next) walk(next, [...path, next.slice(ROOT.length + 1)]);
        }
      }
    }
  };
  walk(entry, ['src/app/main.tsx']);
  return found;
}

describe('the main thread bundle', () => {
  it('imports no tfjs package, however deep', () => {
    expect(tfjsPaths(resolve(ROOT, 'src/app/main.tsx'))).toEqual([]);
  });

  it('the walk does find tfjs where it is imported (a worker)', () => {
    expect(tfjsPaths(resolve(ROOT, 'src/app/worker/training.worker.ts')).length).toBeGreaterThan(0);
  });
});

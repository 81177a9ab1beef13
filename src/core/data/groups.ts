import type { Rng } from '../random';
import type { Anchor, AnchorSet } from './types';

/**
 * The condition of each row as a string key: its class label, its exact
 * continuous condition vector, or '' without a condition. Rows with equal
 * keys at two anchors come from the same network input, so baselines and
 * evaluation pair and group by these keys.
 */
export function conditionKeys(set: AnchorSet, a: Anchor): string[] {
  const cond = set.condition;
  if (cond.kind === 'class') return Array.from(a.label!, (l) => `class ${cond.values[l]}`);
  if (cond.kind === 'continuous') {
    const C = cond.dim;
    return Array.from({ length: a.n }, (_, i) => Array.from(a.c!.subarray(i * C, (i + 1) * C)).join(','));
  }
  return Array.from({ length: a.n }, () => '');
}

/** Row indices per key, in row order. */
export function groupRows(keys: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  });
  return groups;
}

/**
 * `m` entries of `pool`: all of them when the sizes agree; a random subset
 * (kept in order) when larger; when smaller, every entry ⌊m/n⌋ times and a
 * random subset of them once more, so each keeps nearly its share.
 */
export function resizeRows(pool: number[], m: number, rng: Rng): number[] {
  const n = pool.length;
  if (n === m) return pool;
  if (n > m) return Array.from(rng.permutation(n).slice(0, m)).sort((x, y) => x - y).map((i) => pool[i]);
  if (n === 0) throw new Error(`resizeRows: no rows to repeat ${m} times`);
  const out: number[] = [];
  for (let r = 0; r < Math.floor(m / n); r++) out.push(...pool);
  return m % n ? out.concat(resizeRows(pool, m % n, rng)) : out;
}

/** Rows `idx` of a row-major array of the given width. */
export function gatherRows(src: Float32Array, idx: ArrayLike<number>, width: number): Float32Array {
  const out = new Float32Array(idx.length * width);
  for (let j = 0; j < idx.length; j++) out.set(src.subarray(idx[j] * width, (idx[j] + 1) * width), j * width);
  return out;
}

import { Rng } from '../random';
import { gatherRows } from './groups';
import type { Anchor, AnchorSet } from './types';

/**
 * The most samples per anchor the explorer keeps (the CLI keeps what it is given, or what
 * `hti train --subsample N` keeps, up to the coupling's limit per class). The coupled solver
 * matches each class of consecutive anchors exactly (O(m³), at most 4,000 rows per class) and
 * trains full-batch, so both grow fast with the anchors. Measured with `npx tsx
 * bench/sample-limit.ts` (semicircles, 4 classes, 3 anchors, wasm backend, 2-core machine, idle):
 *
 *   per anchor   coupling    one step   slider movement (arithmetic only)
 *          400     0.06 s     0.08 s    1.2 ms (4,000 dots: the built-in preset)
 *        2,000      3.5 s     0.37 s    0.9 ms (4,000 dots)
 *        5,000       51 s     0.78 s    1.1 ms (5,000 dots)
 *       10,000   not done in 15 min (machine loaded)   3.1 ms (10,000 dots)
 *       20,000   fails: 5,000 rows per class > 4,000   6.0 ms (20,000 dots)
 *
 * At 2,000 a fresh model is ready to train in seconds and the default 150 steps take about a minute
 * (450, the default when this was measured, about three); at 5,000 the coupling alone takes a minute
 * and training two more (six at 450). 2,000 also stays under
 * the 4,000 samples the views draw anyway, and under the coupling's 4,000 rows per class even
 * for data without classes.
 */
export const MAX_SAMPLES_PER_ANCHOR = 2000;

/** Anchors holding more than `limit` samples. */
export function anchorsOverLimit(set: AnchorSet, limit = MAX_SAMPLES_PER_ANCHOR): Anchor[] {
  return set.anchors.filter((a) => a.n > limit);
}

/**
 * How many of each class to keep so that `total` are kept in proportion to `counts` (largest
 * remainders, so every class is within one sample of its exact share). A class that is present
 * keeps at least one sample (every class must appear at every anchor), taken from the class
 * furthest above its share.
 */
export function stratifiedQuotas(counts: number[], total: number): number[] {
  const n = counts.reduce((s, c) => s + c, 0);
  if (total >= n) return [...counts];
  const exact = counts.map((c) => (c * total) / n);
  const quota = exact.map(Math.floor);
  let left = total - quota.reduce((s, q) => s + q, 0);
  const byRemainder = exact.map((_, k) => k).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  for (const k of byRemainder) {
    if (left === 0) break;
    quota[k]++;
    left--;
  }
  counts.forEach((c, k) => {
    if (c === 0 || quota[k] > 0) return;
    const donor = quota.reduce((best, q, j) => (q > 1 && (best < 0 || q - exact[j] > quota[best] - exact[best]) ? j : best), -1);
    if (donor < 0) return;
    quota[donor]--;
    quota[k] = 1;
  });
  return quota;
}

/**
 * `k` distinct integers of [0, m), ascending: the first k steps of a Fisher–Yates shuffle, with
 * the displaced entries in a map, so the cost is O(k log k) however large m is.
 */
export function chooseSorted(m: number, k: number, rng: Rng): Int32Array {
  const moved = new Map<number, number>();
  const out = new Int32Array(Math.min(k, m));
  for (let i = 0; i < out.length; i++) {
    const j = i + rng.int(m - i);
    out[i] = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
  }
  return out.sort();
}

/** Rows of one anchor to keep, in their original order: a random subset per class (or of all rows). */
function keptRows(a: Anchor, classes: number, perAnchor: number, rng: Rng): Int32Array {
  if (!a.label || classes === 0) return chooseSorted(a.n, perAnchor, rng);
  // The rows of each class, contiguous: class k's are rows[start[k] … start[k + 1]).
  const counts = new Array<number>(classes).fill(0);
  for (const l of a.label) counts[l]++;
  const start = [0];
  for (const c of counts) start.push(start[start.length - 1] + c);
  const rows = new Int32Array(a.n);
  const fill = start.slice(0, classes);
  for (let i = 0; i < a.n; i++) rows[fill[a.label[i]]++] = i;
  const quotas = stratifiedQuotas(counts, perAnchor);
  const kept = quotas.flatMap((q, k) => Array.from(chooseSorted(counts[k], q, rng), (j) => rows[start[k] + j]));
  return Int32Array.from(kept).sort();
}

/**
 * A seeded random subsample with at most `perAnchor` samples at every anchor, stratified by
 * class: each class keeps its share of the anchor within one sample. Anchors at or under the
 * limit are kept whole; the same seed gives the same rows.
 */
export function subsampleAnchors(set: AnchorSet, perAnchor: number, seed: number): AnchorSet {
  const rng = new Rng(seed);
  const classes = set.condition.kind === 'class' ? set.condition.values.length : 0;
  const C = set.condition.kind === 'continuous' ? set.condition.dim : 0;
  const anchors = set.anchors.map((a): Anchor => {
    if (a.n <= perAnchor) return a;
    const idx = keptRows(a, classes, perAnchor, rng);
    const out: Anchor = { lambda: a.lambda, n: idx.length, y: gatherRows(a.y, idx, set.dimY) };
    if (a.label) out.label = Int32Array.from(idx, (i) => a.label![i]);
    if (a.c) out.c = gatherRows(a.c, idx, C);
    return out;
  });
  return { ...set, anchors };
}

import type { Rows } from './types';

/**
 * For each start row, a first-anchor row with exactly the same output and
 * condition (standardised the same way, so equal bit for bit), or −1.
 * Equal rows (a point mass, outputs rounded or clipped to the same value, or
 * a start set drawn with repeats) are spread evenly over every matching
 * first-anchor row, in data order, so their copies follow every coupled
 * partner instead of all following the first one's: a first anchor of 200
 * equal points, given back as start rows, had collapsed to one point at
 * every λ.
 */
export function matchFirstRows(first: Rows, start: Rows, D: number): Int32Array {
  const C = first.c && start.c ? first.c.length / first.n : 0;
  const key = (r: Rows, i: number) =>
    `${r.label ? r.label[i] : ''}|${Array.from(r.y.subarray(i * D, (i + 1) * D)).join(',')}|${C ? Array.from(r.c!.subarray(i * C, (i + 1) * C)).join(',') : ''}`;
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < first.n; i++) {
    const k = key(first, i);
    const rows = rowsOf.get(k);
    if (rows) rows.push(i);
    else rowsOf.set(k, [i]);
  }
  const keys = Array.from({ length: start.n }, (_, i) => key(start, i));
  const wanted = new Map<string, number>();
  for (const k of keys) wanted.set(k, (wanted.get(k) ?? 0) + 1);
  const handed = new Map<string, number>();
  return Int32Array.from(keys, (k) => {
    const rows = rowsOf.get(k);
    if (!rows) return -1;
    const j = handed.get(k) ?? 0;
    handed.set(k, j + 1);
    // The j-th of `wanted` copies takes the row a fraction j / wanted along the matching rows.
    return rows[Math.floor((j * rows.length) / wanted.get(k)!) % rows.length];
  });
}

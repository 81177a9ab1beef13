import { groupRows } from '../data/groups';
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
  const rowsOf = groupRows(Array.from({ length: first.n }, (_, i) => key(first, i)));
  const out = new Int32Array(start.n).fill(-1);
  for (const [k, copies] of groupRows(Array.from({ length: start.n }, (_, i) => key(start, i)))) {
    const rows = rowsOf.get(k);
    // The j-th of the copies takes the row a fraction j / copies along the matching rows.
    if (rows) copies.forEach((i, j) => (out[i] = rows[Math.floor((j * rows.length) / copies.length)]));
  }
  return out;
}

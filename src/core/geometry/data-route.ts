/**
 * How far the anchors' own data swing away from the straight line between
 * coupled partners: the evidence that tells a curve the data trace (an arc
 * sliding along a circle) from a shape that turns in open space (an
 * elongated cloud turning about its own centre).
 *
 * The route through the data between two samples is the shortest path on
 * the union of both anchors' samples with edge cost |Δ|² (a power-weighted,
 * "Fermat" path): many short hops through dense data are cheaper than one
 * jump across a gap, so the route follows the data where it is continuous
 * and crosses a gap straight where it is not. On an arc sliding along its
 * circle, the route bends only as much as the arc (its sagitta: 0.21 of the
 * chord for a quarter turn); a cloud moved clear of itself is crossed
 * straight. The two anchors of an elongated cloud turning about its own
 * centre make a Λ or an X (or, in 3-D, pass each other), and the long moves
 * at its ends are joined only round the crossing: measured 0.27–0.40 of the
 * chord (potential-weight.ts weighs pairs by chord length). The density potential
 * holds paths to that route, so there it draws them away from where the
 * outputs go.
 */

import { squaredDistances } from '../metrics/cost';

/** One pair's route: its largest distance from the chord over the chord's length, and the chord's length. */
export interface RouteDetour {
  detour: number;
  chord: number;
}

/**
 * The data route of `sources` pairs (a_i, b_match[i]), i evenly spaced over
 * the m rows so that no part of a file sorted in space is left out (pairs
 * with no length are skipped). a and b hold m rows each (D columns).
 */
export function routeDetours(a: Float32Array, b: Float32Array, match: Int32Array, m: number, D: number, sources = m): RouteDetour[] {
  const n = 2 * m;
  const pts = new Float64Array(n * D);
  pts.set(a.subarray(0, m * D));
  pts.set(b.subarray(0, m * D), m * D);
  const w = squaredDistances(pts, pts, D);
  const out: RouteDetour[] = [];
  const dist = new Float64Array(n);
  const prev = new Int32Array(n);
  const done = new Uint8Array(n);
  const count = Math.min(sources, m);
  for (let k = 0; k < count; k++) {
    const src = Math.floor((k * m) / count);
    const tgt = m + match[src];
    const chord = Math.sqrt(w[src * n + tgt]);
    if (!(chord > 1e-9)) continue;
    // Dense Dijkstra (the graph is complete), stopped once the target is settled.
    dist.fill(Infinity);
    prev.fill(-1);
    done.fill(0);
    dist[src] = 0;
    for (;;) {
      let u = -1;
      let best = Infinity;
      for (let v = 0; v < n; v++) {
        if (!done[v] && dist[v] < best) {
          best = dist[v];
          u = v;
        }
      }
      if (u < 0 || u === tgt) break;
      done[u] = 1;
      for (let v = 0; v < n; v++) {
        const nd = best + w[u * n + v];
        if (nd < dist[v]) {
          dist[v] = nd;
          prev[v] = u;
        }
      }
    }
    let dev = 0;
    for (let v = prev[tgt]; v >= 0 && v !== src; v = prev[v]) dev = Math.max(dev, distanceToSegment(pts, v, src, tgt, D));
    out.push({ detour: dev / chord, chord });
  }
  return out;
}

/** Distance of point p from the segment s → t (rows of pts). */
function distanceToSegment(pts: Float64Array, p: number, s: number, t: number, D: number): number {
  let dot = 0;
  let len2 = 0;
  for (let d = 0; d < D; d++) {
    const st = pts[t * D + d] - pts[s * D + d];
    dot += (pts[p * D + d] - pts[s * D + d]) * st;
    len2 += st * st;
  }
  const f = Math.max(0, Math.min(1, dot / len2));
  let r = 0;
  for (let d = 0; d < D; d++) r += (pts[p * D + d] - (pts[s * D + d] + f * (pts[t * D + d] - pts[s * D + d]))) ** 2;
  return Math.sqrt(r);
}

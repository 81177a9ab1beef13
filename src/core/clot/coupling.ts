import * as tf from '@tensorflow/tfjs-core';
import { assertCouplingFits, type CouplingPlan, couplePlan, couplingGroups, planEntries } from '../baselines/coupling';
import { resizeRows, gatherRows } from '../data/groups';
import { solveAssignment } from '../metrics/assignment';
import type { Rng } from '../random';
import { chargedCost, tukeyFence } from './detour';
import type { ClotModel } from './model';
import type { Rows } from '../sampling/types';

/** Largest group (rows per condition) whose m × m Lagrangian cost matrix is computed; larger groups keep the Euclidean coupling. */
const LAGRANGIAN_MAX_GROUP = 600;
/** Path pairs evaluated per tensor batch when filling a cost matrix. */
const PAIRS_PER_BATCH = 8192;

/**
 * The coupled solver's first pairs: for each interval k, a plan pairing
 * every row of anchor k with rows of anchor k+1 (one partner each where the
 * counts agree), from the exact optimal coupling per condition under the
 * squared Euclidean cost (standardised units).
 */
export function coupleConsecutive(model: ClotModel, rng: Rng): CouplingPlan[] {
  assertCouplingFits(model.data);
  return Array.from({ length: model.intervals }, (_, k) => couplePlan(model.data, model.rows, k, model.D, rng));
}

/**
 * Recouples every interval under the learned geometry: the cost of a pair is
 * ½L², L the kinetic length (in the metric) of the path network's path
 * between the two samples, a path the potential has bent onto the data, plus
 * a charge for running off the data well beyond the interval's usual pairs
 * (detour.ts). On a curved support the Euclidean coupling pairs points across
 * the curve, this one along it. The potential does not enter as in ½E²: its
 * term adds nearly the same amount to every pair, and inside the square that
 * offset turns the squared cost into an almost linear one whose optimal
 * couplings are degenerate (a random pairing halves a translated cloud's
 * spread midway). Groups of one row
 * (one sample per input) and groups above LAGRANGIAN_MAX_GROUP keep their
 * pairs, as do anchors whose conditions do not recur.
 *
 * Its m² paths per group are the longest stretch of pre-training on big
 * anchors (eight groups of 500 rows: 80 s on wasm), so it reports
 * the share of pairs done and yields to the event loop after each batch of
 * paths, and returns null as soon as `signal` aborts.
 */
export async function recoupleLagrangian(model: ClotModel, rng: Rng, opts: { onFraction?: (f: number) => void; signal?: AbortSignal } = {}): Promise<CouplingPlan[] | null> {
  const out: CouplingPlan[] = [];
  const moveLengths = model.moveLengths()!;
  const totalPairs = recoupledPairs(model);
  let pairsDone = 0;
  // No stage to report where no group is recoupled (one row per input, groups above the limit).
  if (totalPairs > 0) opts.onFraction?.(0);
  const afterBatch = async (pairs: number): Promise<boolean> => {
    pairsDone += pairs;
    opts.onFraction?.(pairsDone / totalPairs);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return !opts.signal?.aborted;
  };
  for (let k = 0; k < model.intervals; k++) {
    const current = model.coupling![k];
    const dst = current.dst.slice();
    // The energy charges α·depth at each of its m − 1 points; over a path of the interval's mean length that is this much per unit distance.
    const perLength = (model.config.pathPoints - 1) / Math.max(moveLengths[k], 1e-6);
    const { groups, shared } = couplingGroups(model.data, k);
    const byRow = planEntries(current);
    for (const [iaRows, ibAll] of groups) {
      // The group's entries keep their sources (a row repeated where the next anchor has more rows) and get new partners.
      const entries = iaRows.flatMap((r) => byRow.get(r) ?? []);
      const m = entries.length;
      if (!recouples(shared, m)) continue;
      const ia = entries.map((p) => current.src[p]);
      const ib = resizeRows(ibAll, m, rng);
      const costs = await pairCosts(model, k, ia, ib, afterBatch);
      if (!costs) return null;
      const { half, off } = costs;
      const column = new Map(ib.map((row, j) => [row, j]));
      const currentOff = entries.flatMap((p, i) => {
        const j = column.get(current.dst[p]);
        return j === undefined ? [] : [off[i * m + j]];
      });
      const match = solveAssignment(chargedCost(half, off, tukeyFence(currentOff), perLength), m);
      entries.forEach((p, i) => {
        dst[p] = ib[match[i]];
      });
    }
    out.push({ src: current.src, dst });
  }
  return out;
}

/** Whether a group of m plan entries is recoupled (its conditions recur at the next anchor, and 2 ≤ m ≤ LAGRANGIAN_MAX_GROUP). */
function recouples(shared: boolean, m: number): boolean {
  return shared && m >= 2 && m <= LAGRANGIAN_MAX_GROUP;
}

/** How many paths recoupling evaluates: m² for each group it recouples. */
function recoupledPairs(model: ClotModel): number {
  let total = 0;
  for (let k = 0; k < model.intervals; k++) {
    const byRow = planEntries(model.coupling![k]);
    const { groups, shared } = couplingGroups(model.data, k);
    for (const [iaRows] of groups) {
      const m = iaRows.reduce((t, r) => t + (byRow.get(r)?.length ?? 0), 0);
      if (recouples(shared, m)) total += m * m;
    }
  }
  return total;
}

/**
 * ½L² and the off-data distance between rows ia of anchor k and rows ib of anchor k+1 (same
 * condition), m × m row-major; `afterBatch` runs after each batch of paths, and null comes back
 * when it answers false (aborted).
 */
async function pairCosts(model: ClotModel, k: number, ia: number[], ib: number[], afterBatch: (pairs: number) => Promise<boolean>): Promise<{ half: Float64Array; off: Float64Array } | null> {
  const m = ia.length;
  const D = model.D;
  const src = subRows(model.rows[k], ia, D);
  const tgt = tf.tensor2d(gatherRows(model.rows[k + 1].y, ib, D), [m, D]);
  const ys = tf.tensor2d(src.y, [m, D]);
  const cond = model.condTensor(src);
  const dens = model.densityContext(src);
  const half = new Float64Array(m * m);
  const off = new Float64Array(m * m);
  const rowsPerBatch = Math.max(1, Math.floor(PAIRS_PER_BATCH / m));
  let complete = true;
  for (let i0 = 0; i0 < m; i0 += rowsPerBatch) {
    const r = Math.min(rowsPerBatch, m - i0);
    const both = tf.tidy(() => {
      const si = tf.tensor1d(Int32Array.from({ length: r * m }, (_, p) => i0 + Math.floor(p / m)), 'int32');
      const tj = tf.tensor1d(Int32Array.from({ length: r * m }, (_, p) => p % m), 'int32');
      const y = tf.gather(ys, si) as tf.Tensor2D;
      const z = tf.gather(tgt, tj) as tf.Tensor2D;
      const c = cond ? tf.gather(cond, si) : null;
      const pick = <T extends tf.Tensor>(t: T | undefined) => (t ? (tf.gather(t, si) as T) : undefined);
      const ctx = model.geometry.context(r * m, c, { labels: pick(dens.labels), nbIdx: pick(dens.nbIdx), nbW: pick(dens.nbW) });
      const q = model.geometry.path(y, z, model.phi(y, z, c));
      return model.geometry.lengthAndOffData(q, ctx);
    });
    const e = await both.data();
    both.dispose();
    for (let p = 0; p < r * m; p++) {
      half[i0 * m + p] = 0.5 * e[p] * e[p];
      off[i0 * m + p] = e[r * m + p];
    }
    if (!(await afterBatch(r * m))) {
      complete = false;
      break;
    }
  }
  for (const t of [tgt, ys, cond, dens.labels, dens.nbIdx, dens.nbW]) t?.dispose();
  return complete ? { half, off } : null;
}

/** Rows `idx` (repeats allowed) of `rows`, with their labels and conditions. */
export function subRows(rows: Rows, idx: ArrayLike<number>, D: number): Rows {
  const C = rows.c ? rows.c.length / rows.n : 0;
  return {
    n: idx.length,
    y: gatherRows(rows.y, idx, D),
    label: rows.label ? Int32Array.from(idx, (i) => rows.label![i]) : undefined,
    c: rows.c ? gatherRows(rows.c, idx, C) : undefined,
  };
}

/** The plan's sources, each with a random row of anchor k+1 of the same condition (for path pre-training). */
export function randomPartners(model: ClotModel, k: number, plan: CouplingPlan, rng: Rng): CouplingPlan {
  const dst = new Int32Array(plan.src.length);
  const byRow = planEntries(plan);
  for (const [ia, ib] of couplingGroups(model.data, k).groups) for (const i of ia) for (const p of byRow.get(i) ?? []) dst[p] = ib[rng.int(ib.length)];
  return { src: plan.src, dst };
}

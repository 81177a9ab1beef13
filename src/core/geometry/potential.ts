import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../tfjs/dense';
import { Rng } from '../random';

/** The pooled samples of all anchors, in standardised units. */
export interface PotentialPool {
  dim: number;
  /** P × D outputs. */
  y: Float32Array;
  /** P class indices, or undefined for no/continuous condition. */
  label?: Int32Array;
  numClasses: number;
  /** P × C standardised continuous conditions. */
  c?: Float32Array;
  condDim: number;
}

/**
 * Per-point context the density needs besides the point: its class, or for
 * continuous conditions its Nadaraya–Watson neighbours and weights.
 */
export interface DensityContext {
  labels?: tf.Tensor1D;
  nbIdx?: tf.Tensor2D;
  nbW?: tf.Tensor2D;
}

const FLOOR = 1e-8;

/**
 * 'kde': p̂ is the mean of the kernels (a density estimate, as published).
 * 'nearest': p̂ is the largest kernel, i.e. a function of the distance to
 * the nearest pooled sample: flat along the data's support and falling off
 * it, so paths are held on the data without being drawn into its densest
 * part (which squeezes a wide cluster into a line).
 */
export type PotentialKernel = 'kde' | 'nearest';

/**
 * The density potential's log term, log(p̂(q | x) + 1e-8) − log(p̂_max + 1e-8):
 * a Gaussian KDE over the pooled anchor samples (per class for a label;
 * Nadaraya–Watson over conditions for continuous x). The constant shift by
 * the peak density makes U ≤ 0, so the discrete energy E = Σ(len − U) is
 * never negative and c = ½E² stays monotone in E; a constant shift of U
 * leaves the geodesics unchanged.
 *
 * Economies (both checked against the semicircles benchmark): for D ≤ 2 and
 * a label or no condition, log p̂ is tabulated once on a grid per class and
 * interpolated (multilinear) in the hot path; for continuous conditions each
 * sample uses its k nearest conditions (truncated Nadaraya–Watson).
 */
export class DensityPotential {
  readonly mode: 'grid' | 'exact' | 'nw';
  readonly kernel: PotentialKernel;
  /**
   * Deepest the log ratio goes (0 = no limit). Beyond it U is flat: the
   * potential holds paths on the data within a few bandwidths, while a gap
   * between anchors, which says nothing about where to cross it, pulls no
   * path towards the nearest dense core.
   */
  readonly depth: number;
  readonly logPeak: number;
  private readonly norm: number;
  // grid mode
  private gridTable?: tf.Tensor1D;
  private gridLo: number[] = [];
  private gridStep: number[] = [];
  private gridSize = 0;
  // exact mode
  private poolY?: tf.Tensor2D;
  private poolMask?: tf.Tensor2D; // [classes, P] with 1/n_k entries
  // nw mode: pool y for gathering
  private nwY?: tf.Tensor2D;

  constructor(
    readonly pool: PotentialPool,
    readonly bandwidth: number,
    readonly condBandwidth: number,
    opts: { grid: number; maxPool: number; neighbours: number; kernel?: PotentialKernel; depth?: number },
    rng: Rng,
  ) {
    this.kernel = opts.kernel ?? 'kde';
    this.depth = opts.depth ?? 0;
    const D = pool.dim;
    const h = bandwidth;
    this.norm = (2 * Math.PI * h * h) ** (-D / 2);
    if (pool.condDim > 0) {
      this.mode = 'nw';
      this.nwY = tf.tensor2d(pool.y, [pool.y.length / D, D]);
      this.neighbours = Math.min(opts.neighbours, pool.y.length / D);
    } else if (opts.grid > 0 && D <= 2) {
      this.mode = 'grid';
      this.buildGrid(opts.grid);
    } else {
      this.mode = 'exact';
      this.buildExact(opts.maxPool, rng);
    }
    this.logPeak = this.computeLogPeak();
  }

  private neighbours = 0;

  private classesOf(): { members: number[][] } {
    const P = this.pool.y.length / this.pool.dim;
    const K = Math.max(1, this.pool.numClasses);
    const members: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < P; i++) members[this.pool.label ? this.pool.label[i] : 0].push(i);
    return { members };
  }

  /** Plain-JS KDE of one class at a point (setup only, not the hot path). */
  private kdeAt(point: ArrayLike<number>, members: number[]): number {
    const D = this.pool.dim;
    const inv = 1 / (2 * this.bandwidth * this.bandwidth);
    let s = 0;
    let mx = 0;
    for (const i of members) {
      let d2 = 0;
      for (let d = 0; d < D; d++) {
        const t = point[d] - this.pool.y[i * D + d];
        d2 += t * t;
      }
      const k = Math.exp(-d2 * inv);
      s += k;
      mx = Math.max(mx, k);
    }
    return this.kernel === 'nearest' ? mx * this.norm : (s * this.norm) / members.length;
  }

  private buildGrid(G: number): void {
    const D = this.pool.dim;
    const P = this.pool.y.length / D;
    const pad = 4 * this.bandwidth;
    for (let d = 0; d < D; d++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < P; i++) {
        lo = Math.min(lo, this.pool.y[i * D + d]);
        hi = Math.max(hi, this.pool.y[i * D + d]);
      }
      this.gridLo.push(lo - pad);
      this.gridStep.push((hi - lo + 2 * pad) / (G - 1));
    }
    this.gridSize = G;
    const { members } = this.classesOf();
    const cells = D === 1 ? G : G * G;
    const table = new Float32Array(members.length * cells);
    const pt = new Float64Array(D);
    members.forEach((m, k) => {
      for (let cell = 0; cell < cells; cell++) {
        pt[0] = this.gridLo[0] + (D === 1 ? cell : Math.floor(cell / G)) * this.gridStep[0];
        if (D === 2) pt[1] = this.gridLo[1] + (cell % G) * this.gridStep[1];
        table[k * cells + cell] = Math.log(this.kdeAt(pt, m) + FLOOR);
      }
    });
    this.gridTable = tf.tensor1d(table);
    this.gridValues = table;
  }

  private gridValues?: Float32Array;

  private buildExact(maxPool: number, rng: Rng): void {
    const D = this.pool.dim;
    const { members } = this.classesOf();
    const kept = members.map((m) => (m.length > maxPool ? Array.from(rng.permutation(m.length).slice(0, maxPool), (i) => m[i]) : m));
    const all = kept.flat();
    const y = new Float32Array(all.length * D);
    all.forEach((i, r) => y.set(this.pool.y.subarray(i * D, (i + 1) * D), r * D));
    const mask = new Float32Array(kept.length * all.length);
    let col = 0;
    kept.forEach((m, k) => {
      for (let j = 0; j < m.length; j++) mask[k * all.length + col + j] = 1 / m.length;
      col += m.length;
    });
    this.poolY = tf.tensor2d(y, [all.length, D]);
    this.poolMask = tf.tensor2d(mask, [kept.length, all.length]);
  }

  private computeLogPeak(): number {
    if (this.mode === 'grid') {
      let mx = -Infinity;
      for (const v of this.gridValues!) mx = Math.max(mx, v);
      return mx;
    }
    // Peak over the pool points themselves (a KDE peaks near its samples).
    const D = this.pool.dim;
    const P = this.pool.y.length / D;
    const { members } = this.classesOf();
    let mx = 0;
    const stride = Math.max(1, Math.floor(P / 400));
    for (let i = 0; i < P; i += stride) {
      const k = this.pool.label ? this.pool.label[i] : 0;
      const m = this.mode === 'nw' ? members[0] : members[k];
      mx = Math.max(mx, this.mode === 'nw' ? this.norm : this.kdeAt(this.pool.y.subarray(i * D, (i + 1) * D), m));
    }
    return Math.log(mx + FLOOR);
  }

  /**
   * Nadaraya–Watson neighbours of conditions c [B × C] among the pool's
   * conditions: indices and normalised Gaussian weights, [B, k] each.
   * Computed once per batch of fixed conditions (setup, plain JS).
   */
  neighboursFor(c: Float32Array, B: number): { idx: Int32Array; w: Float32Array; k: number } {
    const C = this.pool.condDim;
    const P = this.pool.y.length / this.pool.dim;
    const k = this.neighbours;
    const idx = new Int32Array(B * k);
    const w = new Float32Array(B * k);
    const d2 = new Float64Array(P);
    const inv = 1 / (2 * this.condBandwidth * this.condBandwidth);
    const tie = this.tieRanks(P);
    // Rows that share a condition (a policy's state, a repeated input) share their neighbours: computed once.
    const done = new Map<string, number>();
    for (let b = 0; b < B; b++) {
      const key = Array.from(c.subarray(b * C, (b + 1) * C)).join(',');
      const same = done.get(key);
      if (same !== undefined) {
        idx.copyWithin(b * k, same * k, (same + 1) * k);
        w.copyWithin(b * k, same * k, (same + 1) * k);
        continue;
      }
      done.set(key, b);
      for (let i = 0; i < P; i++) {
        let s = 0;
        for (let d = 0; d < C; d++) {
          const t = c[b * C + d] - this.pool.c![i * C + d];
          s += t * t;
        }
        d2[i] = s;
      }
      // Equal distances (a condition repeated at every anchor) are broken by a fixed shuffle of the pool,
      // not by pool order, which kept whole anchors out of p̂ when more than k rows tied.
      const sorted = Array.from({ length: P }, (_, i) => i)
        .sort((x, y) => d2[x] - d2[y] || tie[x] - tie[y])
        .slice(0, k);
      const base = d2[sorted[0]];
      let total = 0;
      sorted.forEach((i, j) => {
        const v = Math.exp(-(d2[i] - base) * inv);
        idx[b * k + j] = i;
        w[b * k + j] = v;
        total += v;
      });
      for (let j = 0; j < k; j++) w[b * k + j] /= total;
    }
    return { idx, w, k };
  }

  /** A fixed pseudo-random rank of every pool row (tie-breaking in neighboursFor). */
  private tieRanks(P: number): Int32Array {
    if (!this.ties) {
      const perm = new Rng(104_729).permutation(P);
      this.ties = new Int32Array(P);
      perm.forEach((row, rank) => (this.ties![row] = rank));
    }
    return this.ties;
  }

  private ties?: Int32Array;

  /** log(p̂(q | x) + 1e-8) − log p̂_max for points q [P, D]; differentiable in q. */
  logRatio(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    return tf.tidy(() => {
      let logp: tf.Tensor1D;
      if (this.mode === 'grid') logp = this.gridLookup(q, ctx.labels);
      else if (this.mode === 'exact') {
        const h2 = this.bandwidth * this.bandwidth;
        const d2 = sqDist(q, this.poolY!);
        const kern = tf.exp(tf.mul(d2, -1 / (2 * h2)));
        const weights = ctx.labels ? tf.gather(this.poolMask!, ctx.labels) : this.poolMask!;
        const p =
          this.kernel === 'nearest'
            ? tf.mul(tf.max(tf.mul(kern, tf.sign(weights)), 1), this.norm)
            : tf.mul(tf.sum(tf.mul(kern, weights), 1), this.norm);
        logp = tf.log(tf.add(p, FLOOR)) as tf.Tensor1D;
      } else {
        const [P, D] = q.shape;
        const k = ctx.nbIdx!.shape[1];
        const nb = tf.gather(this.nwY!, ctx.nbIdx!.reshape([P * k])).reshape([P, k, D]);
        const diff = tf.sub(q.expandDims(1), nb);
        const kern = tf.exp(tf.mul(tf.sum(tf.square(diff), 2), -1 / (2 * this.bandwidth * this.bandwidth)));
        // 'nearest': the largest kernel, each neighbour discounted by its condition weight relative to the closest condition's.
        const p =
          this.kernel === 'nearest'
            ? tf.mul(tf.max(tf.mul(kern, tf.div(ctx.nbW!, tf.max(ctx.nbW!, 1, true))), 1), this.norm)
            : tf.mul(tf.sum(tf.mul(kern, ctx.nbW!), 1), this.norm);
        logp = tf.log(tf.add(p, FLOOR)) as tf.Tensor1D;
      }
      const ratio = tf.sub(logp, this.logPeak);
      return (this.depth > 0 ? tf.maximum(ratio, -this.depth) : ratio) as tf.Tensor1D;
    });
  }

  /**
   * Multilinear interpolation in the cached table, with its gradient written
   * out (tf.customGrad): the cell indices come from q through floor and an
   * int cast, which the tape cannot differentiate through gather.
   */
  /** The grid lookup's constant tensors, built once (not on every energy evaluation). */
  private gridConstants() {
    if (!this.gridConsts) {
      const D = this.pool.dim;
      const G = this.gridSize;
      this.gridConsts = tf.tidy(() => {
        const c = {
          lo: tf.tensor1d(this.gridLo),
          step: tf.tensor1d(this.gridStep),
          strides: tf.tensor2d(D === 1 ? [[1]] : [[G], [1]]),
          pickX: tf.tensor2d([[1], [0]]),
          pickY: tf.tensor2d([[0], [1]]),
          rowX: tf.tensor2d([[1, 0]]),
          rowY: tf.tensor2d([[0, 1]]),
        };
        for (const t of Object.values(c)) tf.keep(t);
        return c;
      });
    }
    return this.gridConsts;
  }

  private gridConsts?: Record<'lo' | 'step' | 'strides' | 'pickX' | 'pickY' | 'rowX' | 'rowY', tf.Tensor>;

  private gridLookup(q: tf.Tensor2D, labels?: tf.Tensor1D): tf.Tensor1D {
    const D = this.pool.dim;
    const G = this.gridSize;
    const P = q.shape[0];
    const cells = D === 1 ? G : G * G;
    const table = this.gridTable!;
    const k = this.gridConstants();
    const lookup = tf.customGrad(((qq: tf.Tensor, save: tf.GradSaveFunc) => {
      const raw = tf.div(tf.sub(qq, k.lo), k.step);
      const u = tf.clipByValue(raw, 0, G - 1 - 1e-4);
      const inside = tf.cast(tf.logicalAnd(tf.greaterEqual(raw, 0), tf.lessEqual(raw, G - 1 - 1e-4)), 'float32');
      const i0 = tf.floor(u);
      const frac = tf.sub(u, i0);
      // Flat cell index (exact in float32 for any grid that fits memory), then int for gather.
      let flat = tf.matMul(i0, k.strides).reshape([P]);
      if (labels) flat = tf.add(flat, tf.mul(tf.cast(labels, 'float32'), cells));
      const idx = tf.cast(flat, 'int32');
      const at = (offset: number) => tf.gather(table, offset ? tf.add(idx, tf.scalar(offset, 'int32')) : idx);
      if (D === 1) {
        const v0 = at(0);
        const v1 = at(1);
        const f = frac.reshape([P]);
        save([v0, v1, inside]);
        return {
          value: tf.add(v0, tf.mul(tf.sub(v1, v0), f)),
          gradFunc: (g: tf.Tensor, [s0, s1, ins]: tf.Tensor[]) => tf.mul(tf.mul(g, tf.div(tf.sub(s1, s0), this.gridStep[0])).reshape([P, 1]), ins),
        };
      }
      const fx = tf.matMul(frac, k.pickX).reshape([P]);
      const fy = tf.matMul(frac, k.pickY).reshape([P]);
      const v00 = at(0);
      const v01 = at(1);
      const v10 = at(G);
      const v11 = at(G + 1);
      // Bilinear: along y at both x edges, then along x.
      const left = tf.add(v00, tf.mul(tf.sub(v01, v00), fy));
      const right = tf.add(v10, tf.mul(tf.sub(v11, v10), fy));
      save([fx, fy, v00, v01, v10, v11, inside]);
      return {
        value: tf.add(left, tf.mul(tf.sub(right, left), fx)),
        // The derivative is formed only when a gradient is asked for.
        gradFunc: (g: tf.Tensor, [sx, sy, a00, a01, a10, a11, ins]: tf.Tensor[]) => {
          const gx = tf.sub(1, sx);
          const gy = tf.sub(1, sy);
          const dx = tf.div(tf.add(tf.mul(tf.sub(a10, a00), gy), tf.mul(tf.sub(a11, a01), sy)), this.gridStep[0]);
          const dy = tf.div(tf.add(tf.mul(tf.sub(a01, a00), gx), tf.mul(tf.sub(a11, a10), sx)), this.gridStep[1]);
          const grad = tf.add(tf.matMul(dx.reshape([P, 1]), k.rowX), tf.matMul(dy.reshape([P, 1]), k.rowY));
          return tf.mul(tf.mul(g.reshape([P, 1]), grad), ins);
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return lookup(q) as tf.Tensor1D;
  }

  /** Exact log p̂ (not shifted) at one point, in plain JS, for tests and views. */
  logDensityAt(point: ArrayLike<number>, label = 0, cond?: ArrayLike<number>): number {
    const { members } = this.classesOf();
    if (this.mode !== 'nw') return Math.log(this.kdeAt(point, members[label]) + FLOOR);
    const C = this.pool.condDim;
    const D = this.pool.dim;
    const P = this.pool.y.length / D;
    let num = 0;
    let den = 0;
    const inv = 1 / (2 * this.condBandwidth * this.condBandwidth);
    const hinv = 1 / (2 * this.bandwidth * this.bandwidth);
    for (let i = 0; i < P; i++) {
      let dc = 0;
      for (let d = 0; d < C; d++) dc += (cond![d] - this.pool.c![i * C + d]) ** 2;
      let dy = 0;
      for (let d = 0; d < D; d++) dy += (point[d] - this.pool.y[i * D + d]) ** 2;
      const wc = Math.exp(-dc * inv);
      num += wc * Math.exp(-dy * hinv);
      den += wc;
    }
    return Math.log((this.norm * num) / den + FLOOR);
  }

  dispose(): void {
    for (const t of Object.values(this.gridConsts ?? {})) t.dispose();
    this.gridConsts = undefined;
    this.gridTable?.dispose();
    this.poolY?.dispose();
    this.poolMask?.dispose();
    this.nwY?.dispose();
  }
}

/** Squared Euclidean distances between rows of a [P, D] and b [Q, D]: [P, Q]. */
function sqDist(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const a2 = tf.sum(tf.square(a), 1, true);
  const b2 = tf.sum(tf.square(b), 1, true).transpose();
  return tf.relu(tf.sub(tf.add(a2, b2), tf.mul(2, dense(a, tf.transpose(b))))) as tf.Tensor2D;
}

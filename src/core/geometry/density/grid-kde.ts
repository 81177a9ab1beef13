import * as tf from '@tensorflow/tfjs-core';
import { classMembers, FLOOR, gaussianNorm, kernelDensityAt, type DensityContext, type DensityStrategy, type KernelSettings } from './pool';

/**
 * Widest cell of a 3-D grid, in bandwidths: a 3-D grid gets as many cells per axis as that takes.
 * At one bandwidth, interpolating the log of a kernel (a parabola) errs by at most 1/8 per axis.
 */
const CELL_PER_BANDWIDTH_3D = 1;
/** Most table cells over all classes a 3-D grid may hold (32 MB of float32); beyond, the exact KDE. */
const GRID_3D_MAX_CELLS = 8_000_000;
/** Bandwidths around a sample within which the 3-D table adds its kernel (exp(−24.5) beyond: below the floor's share). */
const SPLAT_REACH = 7;

/**
 * log p̂ tabulated once per class on a G (×G (×G)) grid around the pool, and
 * interpolated (multilinear) in the hot path. For D ≤ 3 with a class label or
 * no condition; checked against the exact KDE on the semicircles benchmark
 * (2-D) and thin helices (3-D). In 3-D, G is sized by the bandwidth
 * (CELL_PER_BANDWIDTH_3D); where the tables would pass a memory budget, the
 * exact KDE is used instead (fits).
 */
export class GridKde implements DensityStrategy {
  readonly mode = 'grid';
  private readonly lo: number[] = [];
  private readonly step: number[] = [];
  /** log(max p̂ + FLOOR) over the table (the table itself lives only in the tensor). */
  private readonly peak: number;
  private readonly table: tf.Tensor1D;
  /** The lookup's constant tensors, built once (not on every energy evaluation). */
  private readonly consts: Record<'lo' | 'step' | 'strides' | 'pickX' | 'pickY' | 'pickZ' | 'rowX' | 'rowY' | 'rowZ', tf.Tensor>;

  private readonly G: number;

  constructor(
    private readonly s: KernelSettings,
    grid: number,
  ) {
    const { pool, bandwidth } = s;
    const D = pool.dim;
    const extents = axisExtents(pool);
    const G = D === 3 ? cellsFor3D(extents, bandwidth) : grid;
    this.G = G;
    // The grid's span: each axis's extent padded by 4 bandwidths on both sides.
    const pad = 4 * bandwidth;
    for (const [lo, hi] of extents) {
      this.lo.push(lo - pad);
      this.step.push((hi - lo + 2 * pad) / (G - 1));
    }
    const members = classMembers(pool);
    const cells = this.cells;
    const values = new Float32Array(members.length * cells);
    const pt = new Float64Array(D);
    if (D === 3) members.forEach((m, k) => this.splat3(m, values.subarray(k * cells, (k + 1) * cells)));
    else members.forEach((m, k) => {
      for (let cell = 0; cell < cells; cell++) {
        pt[0] = this.lo[0] + (D === 1 ? cell : Math.floor(cell / G)) * this.step[0];
        if (D === 2) pt[1] = this.lo[1] + (cell % G) * this.step[1];
        values[k * cells + cell] = Math.log(kernelDensityAt(s, pt, m) + FLOOR);
      }
    });
    let peak = -Infinity;
    for (const v of values) peak = Math.max(peak, v);
    this.peak = peak;
    this.table = tf.tensor1d(values);
    this.consts = tf.tidy(() => {
      const c = {
        lo: tf.tensor1d(this.lo),
        step: tf.tensor1d(this.step),
        strides: tf.tensor2d(D === 1 ? [[1]] : D === 2 ? [[G], [1]] : [[G * G], [G], [1]]),
        pickX: tf.tensor2d(D === 3 ? [[1], [0], [0]] : [[1], [0]]),
        pickY: tf.tensor2d(D === 3 ? [[0], [1], [0]] : [[0], [1]]),
        pickZ: tf.tensor2d([[0], [0], [1]]),
        rowX: tf.tensor2d(D === 3 ? [[1, 0, 0]] : [[1, 0]]),
        rowY: tf.tensor2d(D === 3 ? [[0, 1, 0]] : [[0, 1]]),
        rowZ: tf.tensor2d([[0, 0, 1]]),
      };
      for (const t of Object.values(c)) tf.keep(t);
      return c;
    });
  }

  /** Whether a grid (asked for by `grid` > 0) can hold this pool's density: D ≤ 2, or D = 3 within the memory budget. */
  static fits(pool: KernelSettings['pool'], grid: number, bandwidth: number): boolean {
    if (grid <= 0 || pool.dim > 3) return false;
    if (pool.dim < 3) return true;
    return Math.max(1, pool.numClasses) * cellsFor3D(axisExtents(pool), bandwidth) ** 3 <= GRID_3D_MAX_CELLS;
  }

  private get cells(): number {
    return this.G ** this.s.pool.dim;
  }

  /**
   * log p̂ of one class on the 3-D grid. Each sample adds its kernel only to the cells within
   * SPLAT_REACH bandwidths of it (beyond, a Gaussian kernel is below the floor's share of p̂), as
   * a product of one factor per axis, so the table costs about 15³ kernel terms per sample instead
   * of one per cell: the same values as kernelDensityAt up to that cut (summed in float32, in
   * `out` itself, so no second table-sized buffer).
   */
  private splat3(members: number[], out: Float32Array): void {
    const { pool, bandwidth: h, kernel } = this.s;
    const G = this.G;
    const inv = 1 / (2 * h * h);
    const reach = SPLAT_REACH * h;
    out.fill(0);
    const factors = [new Float64Array(G), new Float64Array(G), new Float64Array(G)];
    const from = [0, 0, 0];
    const to = [0, 0, 0];
    for (const i of members) {
      for (let d = 0; d < 3; d++) {
        const v = pool.y[i * 3 + d];
        from[d] = Math.max(0, Math.ceil((v - reach - this.lo[d]) / this.step[d]));
        to[d] = Math.min(G - 1, Math.floor((v + reach - this.lo[d]) / this.step[d]));
        for (let j = from[d]; j <= to[d]; j++) {
          const t = this.lo[d] + j * this.step[d] - v;
          factors[d][j] = Math.exp(-t * t * inv);
        }
      }
      for (let a = from[0]; a <= to[0]; a++) {
        for (let b = from[1]; b <= to[1]; b++) {
          const ab = factors[0][a] * factors[1][b];
          const row = (a * G + b) * G;
          for (let c = from[2]; c <= to[2]; c++) {
            const k = ab * factors[2][c];
            if (kernel === 'nearest') out[row + c] = Math.max(out[row + c], k);
            else out[row + c] += k;
          }
        }
      }
    }
    const norm = gaussianNorm(3, h) / (kernel === 'nearest' ? 1 : members.length);
    for (let cell = 0; cell < out.length; cell++) out[cell] = Math.log(out[cell] * norm + FLOOR);
  }

  logPeak(): number {
    return this.peak;
  }

  /**
   * Multilinear interpolation in the table, with its gradient written out
   * (tf.customGrad): the cell indices come from q through floor and an int
   * cast, which the tape cannot differentiate through gather.
   */
  logDensity(q: tf.Tensor2D, ctx: DensityContext): tf.Tensor1D {
    const D = this.s.pool.dim;
    const G = this.G;
    const P = q.shape[0];
    const { table, consts: k, step } = this;
    const labels = ctx.labels;
    const cells = this.cells;
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
          gradFunc: (g: tf.Tensor, [s0, s1, ins]: tf.Tensor[]) => tf.mul(tf.mul(g, tf.div(tf.sub(s1, s0), step[0])).reshape([P, 1]), ins),
        };
      }
      const fx = tf.matMul(frac, k.pickX).reshape([P]);
      const fy = tf.matMul(frac, k.pickY).reshape([P]);
      if (D === 3) return this.trilinear(at, fx, fy, tf.matMul(frac, k.pickZ).reshape([P]), inside, save);
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
          const dx = tf.div(tf.add(tf.mul(tf.sub(a10, a00), gy), tf.mul(tf.sub(a11, a01), sy)), step[0]);
          const dy = tf.div(tf.add(tf.mul(tf.sub(a01, a00), gx), tf.mul(tf.sub(a11, a10), sx)), step[1]);
          const grad = tf.add(tf.matMul(dx.reshape([P, 1]), k.rowX), tf.matMul(dy.reshape([P, 1]), k.rowY));
          return tf.mul(tf.mul(g.reshape([P, 1]), grad), ins);
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return lookup(q) as tf.Tensor1D;
  }

  /** The 3-D lookup: interpolation along z, then y, then x, and its gradient written out. */
  private trilinear(at: (offset: number) => tf.Tensor, fx: tf.Tensor, fy: tf.Tensor, fz: tf.Tensor, inside: tf.Tensor, save: tf.GradSaveFunc) {
    const G = this.G;
    const P = fx.shape[0] as number;
    const { consts: k, step } = this;
    // v[x][y][z] at the cell's eight corners.
    const v = [0, 1].map((x) => [0, 1].map((y) => [0, 1].map((z) => at(x * G * G + y * G + z))));
    const lerp = (a: tf.Tensor, b: tf.Tensor, f: tf.Tensor) => tf.add(a, tf.mul(tf.sub(b, a), f));
    // Along z at each of the four (x, y) edges, then along y, then along x.
    const alongZ = v.map((vx) => vx.map(([a, b]) => lerp(a, b, fz)));
    const alongY = alongZ.map(([a, b]) => lerp(a, b, fy));
    save([fx, fy, fz, inside, ...v.flat(2)]);
    return {
      value: lerp(alongY[0], alongY[1], fx),
      gradFunc: (g: tf.Tensor, [sx, sy, sz, ins, ...c]: tf.Tensor[]) => {
        const corner = (x: number, y: number, z: number) => c[x * 4 + y * 2 + z];
        const w = (bit: number, f: tf.Tensor) => (bit ? f : tf.sub(1, f));
        // ∂/∂f_x of the trilinear form: the difference across x, interpolated in y and z; likewise for y and z.
        const across = (diff: (a: number, b: number) => tf.Tensor, fa: tf.Tensor, fb: tf.Tensor) =>
          tf.addN([0, 1].flatMap((a) => [0, 1].map((b) => tf.mul(tf.mul(diff(a, b), w(a, fa)), w(b, fb)))));
        const dx = tf.div(across((y, z) => tf.sub(corner(1, y, z), corner(0, y, z)), sy, sz), step[0]);
        const dy = tf.div(across((x, z) => tf.sub(corner(x, 1, z), corner(x, 0, z)), sx, sz), step[1]);
        const dz = tf.div(across((x, y) => tf.sub(corner(x, y, 1), corner(x, y, 0)), sx, sy), step[2]);
        const grad = tf.addN([tf.matMul(dx.reshape([P, 1]), k.rowX), tf.matMul(dy.reshape([P, 1]), k.rowY), tf.matMul(dz.reshape([P, 1]), k.rowZ)]);
        return tf.mul(tf.mul(g.reshape([P, 1]), grad), ins);
      },
    };
  }

  dispose(): void {
    for (const t of Object.values(this.consts)) t.dispose();
    this.table.dispose();
  }
}

/** Each axis's smallest and largest value over the pool. */
function axisExtents(pool: KernelSettings['pool']): [number, number][] {
  const D = pool.dim;
  const P = pool.y.length / D;
  return Array.from({ length: D }, (_, d) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < P; i++) {
      lo = Math.min(lo, pool.y[i * D + d]);
      hi = Math.max(hi, pool.y[i * D + d]);
    }
    return [lo, hi];
  });
}

/** Cells per axis of a 3-D grid (span padded by 4 bandwidths each side) whose widest cell is CELL_PER_BANDWIDTH_3D bandwidths. */
function cellsFor3D(extents: [number, number][], bandwidth: number): number {
  const widest = Math.max(...extents.map(([lo, hi]) => hi - lo + 8 * bandwidth));
  return Math.max(4, Math.ceil(widest / (CELL_PER_BANDWIDTH_3D * bandwidth)) + 1);
}

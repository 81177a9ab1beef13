import * as tf from '@tensorflow/tfjs-core';
import { classMembers, FLOOR, kernelDensityAt, type DensityContext, type DensityStrategy, type KernelSettings } from './pool';

/**
 * log p̂ tabulated once per class on a G (×G) grid around the pool, and
 * interpolated (multilinear) in the hot path. For D ≤ 2 with a class label or
 * no condition; checked against the exact KDE on the semicircles benchmark.
 */
export class GridKde implements DensityStrategy {
  readonly mode = 'grid';
  private readonly lo: number[] = [];
  private readonly step: number[] = [];
  private readonly values: Float32Array;
  private readonly table: tf.Tensor1D;
  /** The lookup's constant tensors, built once (not on every energy evaluation). */
  private readonly consts: Record<'lo' | 'step' | 'strides' | 'pickX' | 'pickY' | 'rowX' | 'rowY', tf.Tensor>;

  constructor(
    private readonly s: KernelSettings,
    private readonly G: number,
  ) {
    const { pool, bandwidth } = s;
    const D = pool.dim;
    const P = pool.y.length / D;
    const pad = 4 * bandwidth;
    for (let d = 0; d < D; d++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < P; i++) {
        lo = Math.min(lo, pool.y[i * D + d]);
        hi = Math.max(hi, pool.y[i * D + d]);
      }
      this.lo.push(lo - pad);
      this.step.push((hi - lo + 2 * pad) / (G - 1));
    }
    const members = classMembers(pool);
    const cells = this.cells;
    this.values = new Float32Array(members.length * cells);
    const pt = new Float64Array(D);
    members.forEach((m, k) => {
      for (let cell = 0; cell < cells; cell++) {
        pt[0] = this.lo[0] + (D === 1 ? cell : Math.floor(cell / G)) * this.step[0];
        if (D === 2) pt[1] = this.lo[1] + (cell % G) * this.step[1];
        this.values[k * cells + cell] = Math.log(kernelDensityAt(s, pt, m) + FLOOR);
      }
    });
    this.table = tf.tensor1d(this.values);
    this.consts = tf.tidy(() => {
      const c = {
        lo: tf.tensor1d(this.lo),
        step: tf.tensor1d(this.step),
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

  private get cells(): number {
    return this.s.pool.dim === 1 ? this.G : this.G * this.G;
  }

  logPeak(): number {
    let mx = -Infinity;
    for (const v of this.values) mx = Math.max(mx, v);
    return mx;
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

  dispose(): void {
    for (const t of Object.values(this.consts)) t.dispose();
    this.table.dispose();
  }
}

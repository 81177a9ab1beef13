import * as tf from '@tensorflow/tfjs-core';
import type { ClotModel } from './model';

export interface FieldGrid {
  /** Range of the grid along the view's horizontal and vertical axes, in data units. */
  x: [number, number];
  y: [number, number];
  nx: number;
  ny: number;
  /** The output dims on the axes. With one output dim (D = 1) it runs up the vertical axis and `across` says what x is. */
  dims: [number, number];
  /**
   * For one output dim: 'input', x is the first condition dim (the others as in the row below);
   * 'strip', x is only a spread of rows and the fields do not vary along it. Absent: x is output dim dims[0].
   */
  across?: 'input' | 'strip';
  /** Class index for a label, or the first-anchor row whose condition is used for continuous conditions; -1 for none. */
  classIndex: number;
  /** Compute only this field (a view needs one grid per refresh); both when absent. */
  only?: 'metric' | 'potential';
}

/**
 * The learned geometry on a grid, for views: the metric G restricted to the
 * two shown dims ([nx·ny, 4], row-major g00 g01 g10 g11, standardised units)
 * and the potential U = α·(log p̂ − log p̂_max) ([nx·ny]). Other output dims
 * sit at the data mean. Grid points run x-major: index = ix·ny + iy.
 */
export async function computeFields(model: ClotModel, grid: FieldGrid): Promise<{ metric: Float32Array | null; potential: Float32Array | null }> {
  const { nx, ny, dims } = grid;
  const D = model.D;
  const P = nx * ny;
  const pts = new Float32Array(P * D);
  for (let ix = 0; ix < nx; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const p = ix * ny + iy;
      for (let d = 0; d < D; d++) pts[p * D + d] = 0; // the mean, standardised
      const vx = grid.x[0] + ((grid.x[1] - grid.x[0]) * ix) / Math.max(1, nx - 1);
      const vy = grid.y[0] + ((grid.y[1] - grid.y[0]) * iy) / Math.max(1, ny - 1);
      if (!grid.across) pts[p * D + dims[0]] = (vx - model.norm.yMean[dims[0]]) / model.norm.yScale;
      if (grid.across || dims[1] !== dims[0]) pts[p * D + dims[1]] = (vy - model.norm.yMean[dims[1]]) / model.norm.yScale;
    }
  }
  const rows = model.rows[0];
  const C = model.condSpec.kind === 'continuous' ? model.condSpec.dim : 0;
  const row = Math.max(0, grid.classIndex);
  const gridRows = {
    n: P,
    y: pts,
    label: model.condSpec.kind === 'class' ? new Int32Array(P).fill(row) : undefined,
    c: C ? (() => {
      const c = new Float32Array(P * C);
      const src = rows.c!.subarray(row * C, (row + 1) * C);
      for (let p = 0; p < P; p++) c.set(src, p * C);
      // Across the first input: each grid column at its own value of it (the grid is in data units, the rows standardised).
      if (grid.across === 'input') {
        for (let p = 0; p < P; p++) {
          const vx = grid.x[0] + ((grid.x[1] - grid.x[0]) * Math.floor(p / ny)) / Math.max(1, nx - 1);
          c[p * C] = (vx - model.norm.cMean[0]) / model.norm.cStd[0];
        }
      }
      return c;
    })() : undefined,
  };
  const q = tf.tensor2d(pts, [P, D]);
  const cond = model.condTensor(gridRows);
  let metric: Float32Array | null = null;
  let potential: Float32Array | null = null;
  try {
    if (model.metric.net && grid.only !== 'potential') {
      const G = tf.tidy(() => {
        const full = model.metric.matrices(q, cond);
        const [a, b] = dims;
        const pick = (i: number, j: number) => full.slice([0, i, j], [P, 1, 1]).reshape([P, 1]);
        // One output dim: G acts up the vertical axis only (a vertical bar in the view), nothing across it.
        if (grid.across) return tf.concat([tf.zeros([P, 3]), pick(b, b)], 1);
        return tf.concat([pick(a, a), pick(a, b), pick(b, a), pick(b, b)], 1);
      });
      metric = (await G.data()) as Float32Array;
      G.dispose();
    }
    if (model.potential && grid.only !== 'metric') {
      const ctx = model.densityContext(gridRows);
      const U = tf.tidy(() => tf.mul(model.alpha, model.potential!.logRatio(q, ctx)));
      potential = (await U.data()) as Float32Array;
      U.dispose();
      for (const t of [ctx.labels, ctx.nbIdx, ctx.nbW]) t?.dispose();
    }
  } finally {
    q.dispose();
    cond?.dispose();
  }
  return { metric, potential };
}

import { coupleAnchors } from '../baselines/coupling';
import { conditionKeys, gatherRows, groupRows, resizeRows } from '../data/groups';
import { w2Squared } from '../metrics/w2';
import type { Rng } from '../random';
import type { ClotModel } from './model';
import { lingerWeights, pathPoints, progressTable, warpedParameter, WARP_POINTS } from './timing';

/** The lingering exponents tried; 0 (constant speed) wins ties. */
const LINGER_CHOICES = [0, 0.5, 1];
/** A larger exponent must beat a smaller one by this fraction of W2 to be chosen. */
const MARGIN = 0.05;

/**
 * Chooses how much samples linger in dense regions, from the anchors alone:
 * each interior anchor j is held out, anchors j−1 and j+1 are coupled and
 * joined by straight paths, and each exponent β moves the samples to λ_j
 * with time ∝ length · (p̂/p̂_max)^β. The β whose samples are closest (W2 per
 * condition group) to anchor j's own samples wins. Where the outputs stay on
 * the data until late (a network that breaks down only near the end of the
 * range) lingering wins; where mass moves steadily, constant speed does.
 * Needs a density potential and at least three anchors, else 0.
 */
export async function calibrateLinger(model: ClotModel, rng: Rng): Promise<number> {
  if (!model.potential || model.intervals < 2) return 0;
  const D = model.D;
  const set = model.data;
  const scores = LINGER_CHOICES.map(() => 0);
  for (let j = 1; j < model.intervals; j++) {
    const [a, b, held] = [set.anchors[j - 1], set.anchors[j + 1], set.anchors[j]];
    const rowsA = model.rows[j - 1];
    const partner = coupleAnchors({ ...set, anchors: [a, b] }, [rowsA, model.rows[j + 1]], 0, D, rng);
    const z = gatherRows(model.rows[j + 1].y, partner, D);
    const points = pathPoints(rowsA.y, z, null, rowsA.n, D, 1);
    const logRatio = (await model.densityAlong(points, rowsA, WARP_POINTS))!;
    const s = (held.lambda - a.lambda) / (b.lambda - a.lambda);
    const groupsA = groupRows(conditionKeys(set, a));
    const groupsH = groupRows(conditionKeys(set, held));
    // Per condition only where every condition repeats at both anchors; else all rows together.
    const perKey = [...groupsA].every(([key, g]) => g.length > 1 && (groupsH.get(key)?.length ?? 0) > 1);
    const pairs: [number[], number[]][] = perKey
      ? [...groupsA].map(([key, g]) => [g, groupsH.get(key)!])
      : [[[...Array(a.n).keys()], [...Array(held.n).keys()]]];
    for (const [c, beta] of LINGER_CHOICES.entries()) {
      const table = progressTable(points, rowsA.n, D, beta > 0 ? lingerWeights(logRatio, beta) : undefined);
      const moved = new Float32Array(rowsA.n * D);
      for (let i = 0; i < rowsA.n; i++) {
        const u = warpedParameter(table, i, s);
        for (let d = 0; d < D; d++) moved[i * D + d] = (1 - u) * rowsA.y[i * D + d] + u * z[i * D + d];
      }
      let total = 0;
      for (const [ga, gh] of pairs) {
        const mine = gatherRows(moved, resizeRows(ga, gh.length, rng), D);
        total += Math.sqrt(w2Squared(mine, gatherRows(model.rows[j].y, gh, D), D).w2sq);
      }
      scores[c] += total / pairs.length;
    }
  }
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] < scores[best] * (1 - MARGIN)) best = c;
  return LINGER_CHOICES[best];
}

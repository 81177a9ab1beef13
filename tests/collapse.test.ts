import { describe, expect, it } from 'vitest';
import { rotatingBlob } from '../src/core/datasets/families';
import { createSurrogate, trainSurrogate } from '../src/core/surrogate/build';
import { evaluateSurrogate } from '../src/core/surrogate/evaluate';
import { anchorFidelity } from '../src/core/surrogate/fidelity';

/**
 * Regression test for collapse: a Gaussian blob rotating about the origin
 * (families.ts) keeps its spread at every λ, so a surrogate whose held-out
 * samples are much narrower than the truth has squeezed mass together (as
 * the density potential does when it bends every path of a wide cluster into
 * its dense core). The default method, with small networks and few steps so
 * that it runs in seconds; the bends it learns are already strong enough to
 * collapse the blob without the spread guard (snapshot.ts).
 */
const SMALL = { hidden: [16, 16], metricHidden: [8], pathHidden: [32, 32], pathPretrainSteps: 50, iterations: 30, seed: 0 };

describe('the rotating blob does not collapse (default method)', () => {
  it('keeps the held-out spread within [0.8, 1.25] of the truth and reproduces its anchors within 1.25 sampling floors', async () => {
    const data = rotatingBlob([0, 1, 3], 150, 1);
    const heldOut = rotatingBlob([0.5, 2, 2.5], 150, 2);
    const s = createSurrogate(data, 'full', SMALL);
    try {
      expect(await trainSurrogate(s)).toBe(true);
      const ev = await evaluateSurrogate(s, heldOut);
      expect(ev.rows.map((r) => r.lambda)).toEqual([0.5, 2, 2.5]);
      const spread = ev.rows.map((r) => r.spreadRatio);
      for (const r of spread) {
        expect(r, `held-out spread ratios ${spread.map((x) => x.toFixed(3)).join(', ')}`).toBeGreaterThanOrEqual(0.8);
        expect(r).toBeLessThanOrEqual(1.25);
      }
      const fid = await anchorFidelity(s);
      expect(fid.map((f) => f.lambda)).toEqual([0, 1, 3]);
      for (const f of fid) expect(f.ratio, `W2/floor at λ = ${f.lambda}`).toBeLessThanOrEqual(1.25);
    } finally {
      s.dispose();
    }
  });
});

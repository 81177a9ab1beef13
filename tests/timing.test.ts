import { describe, expect, it } from 'vitest';
import { groupLengths, paceLocate, steadyLengths, turnsBack } from '../src/core/clot/pace';
import { evaluateSnapshot, type SamplerSnapshot } from '../src/core/clot/snapshot';
import { lingerWeights, pathPoints, progressTable, warpedParameter, WARP_POINTS } from '../src/core/clot/timing';
import { spread } from '../src/core/metrics/spread';

/** Known answers for where a sample sits at λ: the pace across anchors, the time warp along a path, and the spread guard. */

describe('paceLocate (calibrated pace across anchors)', () => {
  it('moves linearly in λ when every interval shows the same move per unit λ', () => {
    // Speeds 1 and 1 over intervals of width 1 and 2.
    const lambdas = [0, 1, 3];
    const lengths = [1, 2];
    for (const lambda of [0, 0.1, 0.5, 0.9, 1, 1.2, 2, 2.7, 3]) {
      const { k, s } = paceLocate(lambdas, lengths, lambda);
      const want = lambda <= 1 ? { k: 0, s: lambda } : { k: 1, s: (lambda - 1) / 2 };
      expect(k).toBe(want.k);
      expect(s).toBeCloseTo(want.s, 12);
    }
  });

  it('after a small move and before a large one, starts the large one slowly: s at the second midpoint is below 0.5, and progress is monotone in λ', () => {
    const lambdas = [0, 1, 2];
    const lengths = [0.2, 2];
    const mid = paceLocate(lambdas, lengths, 1.5);
    expect(mid.k).toBe(1);
    // Fritsch–Carlson slopes 6/16.5 at λ = 1 and 2.9 at λ = 2: P(1.5) = 0.2 + 0.6830, s = 0.6830 / 2.
    expect(mid.s).toBeCloseTo(0.3415, 3);
    expect(mid.s).toBeLessThan(0.5);
    // Progress P(λ) = Σ lengths before k + s · lengths[k] never decreases and meets every anchor.
    let last = -Infinity;
    for (let i = 0; i <= 200; i++) {
      const lambda = (2 * i) / 200;
      const { k, s } = paceLocate(lambdas, lengths, lambda);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      const progress = lengths.slice(0, k).reduce((a, b) => a + b, 0) + s * lengths[k];
      expect(progress).toBeGreaterThanOrEqual(last - 1e-12);
      last = progress;
    }
    expect(paceLocate(lambdas, lengths, 1)).toEqual({ k: 0, s: 1 });
    expect(paceLocate(lambdas, lengths, 2)).toEqual({ k: 1, s: 1 });
    expect(paceLocate(lambdas, lengths, 0)).toEqual({ k: 0, s: 0 });
  });

  it('with two anchors is plain linear interpolation in λ, whatever the move length', () => {
    for (const lambda of [2, 2.5, 3, 4.5, 6]) expect(paceLocate([2, 6], [7.5], lambda)).toEqual({ k: 0, s: (lambda - 2) / 4 });
  });
});

describe('progressTable and warpedParameter (timing along each path)', () => {
  const W = WARP_POINTS;
  const nodes = 15;

  it('on a straight path (φ = null) progress is linear and the warped parameter is s', () => {
    const y = Float32Array.of(0, 0, -1, 2);
    const z = Float32Array.of(3, 4, -1, -5);
    const table = progressTable(pathPoints(y, z, null, 2, 2, nodes), 2, 2);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < W; j++) expect(table[i * W + j]).toBeCloseTo(j / (W - 1), 6);
      for (const s of [0, 0.1, 0.25, 0.5, 0.77, 1]) expect(warpedParameter(table, i, s)).toBeCloseTo(s, 6);
    }
  });

  it('on a path whose bend makes the first half much longer than the second, reaches parameter 0.5 only after half the time', () => {
    // A tall excursion at the node s = 0.25 (node 3 of 15 sits at 4/16): up and back down in the first half.
    const phi = new Float32Array(nodes * 2);
    phi[3 * 2 + 1] = 2;
    const points = pathPoints(Float32Array.of(0, 0), Float32Array.of(1, 0), phi, 1, 2, nodes);
    const half = (W - 1) / 2;
    let first = 0;
    let second = 0;
    for (let j = 1; j < W; j++) {
      const len = Math.hypot(points[j * 2] - points[(j - 1) * 2], points[j * 2 + 1] - points[(j - 1) * 2 + 1]);
      if (j <= half) first += len;
      else second += len;
    }
    expect(first).toBeGreaterThan(3 * second);
    const table = progressTable(points, 1, 2);
    // Half the time has passed when half the length has: at s = 0.5 the parameter is still in the first half.
    expect(table[half]).toBeCloseTo(first / (first + second), 6);
    const u = warpedParameter(table, 0, 0.5);
    expect(u).toBeLessThan(0.5);
    expect(u).toBeLessThan(0.4);
    // And it is monotone in s.
    let last = 0;
    for (let i = 0; i <= 50; i++) {
      const v = warpedParameter(table, 0, i / 50);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
  });

  it('with linger weights high near the start, the sample lingers there (known answer on a straight path)', () => {
    const points = pathPoints(Float32Array.of(0, 0), Float32Array.of(2, 0), null, 1, 2, nodes);
    // log(p̂/p̂_max) = 0 at the first 8 of 33 points, −3 beyond: weights 1 and e^{−3} (β = 1).
    const logRatio = Float32Array.from({ length: W }, (_, j) => (j < 8 ? 0 : -3));
    const weights = lingerWeights(logRatio, 1);
    expect(weights[0]).toBe(1);
    expect(weights[20]).toBeCloseTo(Math.exp(-3), 6);
    const table = progressTable(points, 1, 2, weights);
    // Each stretch takes time ∝ its length (all equal) × the weight at its start: 8 stretches of weight 1, 24 of e^{−3}.
    const total = 8 + 24 * Math.exp(-3);
    expect(table[8]).toBeCloseTo(8 / total, 5);
    const u = warpedParameter(table, 0, 0.5);
    expect(u).toBeCloseTo((0.5 * total) / (W - 1), 5);
    expect(u).toBeLessThan(0.25);
    // Without weights the same path moves at constant speed.
    expect(warpedParameter(progressTable(points, 1, 2), 0, 0.5)).toBeCloseTo(0.5, 6);
    // A floor keeps a sample from stalling for good.
    expect(lingerWeights(Float32Array.of(-100), 1)[0]).toBeCloseTo(1e-2, 8);
  });
});

describe('evaluateSnapshot: the spread guard', () => {
  const nodes = 15;
  const MID = 7; // node 7 of 15 sits at s = 8/16 = 0.5
  const n = 8;

  /** Two anchors at λ = 0 and 1; rows on a unit circle translated by (4, 0); bends set per row at the middle node. */
  function snapshot(bendAtMid: (i: number, line: [number, number]) => [number, number], groups?: Int32Array, yScale = 1, yMean = [0, 0]): SamplerSnapshot {
    const y0 = new Float32Array(n * 2);
    const y1 = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const th = (2 * Math.PI * i) / n;
      y0[2 * i] = Math.cos(th);
      y0[2 * i + 1] = Math.sin(th);
      y1[2 * i] = Math.cos(th) + 4;
      y1[2 * i + 1] = Math.sin(th);
    }
    const phi = new Float32Array(n * nodes * 2);
    for (let i = 0; i < n; i++) {
      const line: [number, number] = [0.5 * (y0[2 * i] + y1[2 * i]), 0.5 * (y0[2 * i + 1] + y1[2 * i + 1])];
      const [bx, by] = bendAtMid(i, line);
      phi[(i * nodes + MID) * 2] = bx;
      phi[(i * nodes + MID) * 2 + 1] = by;
    }
    return { lambdas: [0, 1], D: 2, nodes, n, yMean, yScale, chain: [y0, y1], phis: [phi], groups };
  }

  /**
   * Pairs turned a quarter: row i of the unit circle goes to row i + 2 of the circle at (4, 0), one group,
   * bends set as in snapshot() (none by default).
   */
  function crossedPairs(bendAtMid: (i: number, line: [number, number]) => [number, number] = () => [0, 0]): SamplerSnapshot {
    const snap = snapshot(bendAtMid, new Int32Array(n));
    const y0 = snap.chain[0];
    const y1 = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const j = (i + 2) % n;
      y1[2 * i] = y0[2 * j] + 4;
      y1[2 * i + 1] = y0[2 * j + 1];
    }
    return { ...snap, chain: [y0, y1] };
  }

  /** The straight-line points at λ = 0.5 (standardised), for comparison. */
  const straight = (snap: SamplerSnapshot) => evaluateSnapshot({ ...snap, phis: [null] }, 0.5);

  it('keeps at least 0.95 of the straight-line spread when every bend pulls its row onto one point', () => {
    // line + bend = (2, 0) for every row: without the guard the group collapses to a point.
    const snap = snapshot((_, [lx, ly]) => [2 - lx, 0 - ly], new Int32Array(n));
    const unguarded = evaluateSnapshot({ ...snap, groups: undefined }, 0.5);
    expect(spread(unguarded, 2)).toBeLessThan(1e-5);
    const out = evaluateSnapshot(snap, 0.5);
    const ratio = spread(out, 2) / spread(straight(snap), 2);
    expect(ratio).toBeGreaterThanOrEqual(0.95 - 1e-6);
    // bend = −(line − centre), so the spread is (1 − γ) of the line's: the guard stops at γ = 0.05 exactly.
    expect(ratio).toBeCloseTo(0.95, 5);
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps γ = 1 for a common translation: the output is line + bend exactly (in data units)', () => {
    const yScale = 2;
    const yMean = [1, -1];
    const snap = snapshot(() => [0.25, 1.5], new Int32Array(n), yScale, yMean);
    const line = straight(snap);
    const out = evaluateSnapshot(snap, 0.5);
    for (let i = 0; i < n; i++) {
      expect(out[2 * i]).toBeCloseTo(line[2 * i] + 0.25 * yScale, 5);
      expect(out[2 * i + 1]).toBeCloseTo(line[2 * i + 1] + 1.5 * yScale, 5);
    }
  });

  it('guards each group on its own: a collapsing group is held at 0.95, a translated one moves freely', () => {
    // Rows 0, 2, 4, 6 (group 0) collapse onto their centre; rows 1, 3, 5, 7 (group 1) shift by (0, 1).
    const groups = Int32Array.from({ length: n }, (_, i) => i % 2);
    const pick = (y: Float32Array, g: number) => Float32Array.from({ length: n }, (_, j) => y[2 * (2 * Math.floor(j / 2) + g) + (j % 2)]);
    const snap = snapshot((i, [lx, ly]) => (i % 2 === 0 ? [2 - lx, 0 - ly] : [0, 1]), groups);
    const line = straight(snap);
    const out = evaluateSnapshot(snap, 0.5);
    expect(spread(pick(out, 0), 2) / spread(pick(line, 0), 2)).toBeCloseTo(0.95, 5);
    for (let i = 1; i < n; i += 2) {
      expect(out[2 * i]).toBeCloseTo(line[2 * i], 5);
      expect(out[2 * i + 1]).toBeCloseTo(line[2 * i + 1] + 1, 5);
    }
  });

  it('widens a group that crossing straight lines bunch, to 0.95 of its narrower anchor, keeping its centre and shape', () => {
    // Pairs turned a quarter: row i of the unit circle goes to row i + 2 of the circle at (4, 0). Straight
    // lines between such pairs cross; at s = 0.5 the group is a circle of radius cos 45° (spread 0.71 of
    // the anchors'), and no bend scaling can help, as there is no bend.
    const snap = crossedPairs();
    const line = straight(snap);
    expect(spread(line, 2) / spread(snap.chain[0], 2)).toBeCloseTo(Math.SQRT1_2, 5);
    const out = evaluateSnapshot(snap, 0.5);
    expect(spread(out, 2) / spread(snap.chain[0], 2)).toBeCloseTo(0.95, 5);
    const mean = (a: Float32Array, d: number) => a.filter((_, k) => k % 2 === d).reduce((t, v) => t + v, 0) / n;
    expect(mean(out, 0)).toBeCloseTo(mean(line, 0), 5);
    expect(mean(out, 1)).toBeCloseTo(mean(line, 1), 5);
    // Widened about the centre: each row keeps its direction from it.
    for (let i = 0; i < n; i++) {
      const a = Math.atan2(line[2 * i + 1] - mean(line, 1), line[2 * i] - mean(line, 0));
      const b = Math.atan2(out[2 * i + 1] - mean(out, 1), out[2 * i] - mean(out, 0));
      expect(b).toBeCloseTo(a, 5);
    }
  });

  it('keeps a bend whole where the straight lines alone are below the floor, then widens: the rows stay on their curve', () => {
    // The same crossed pairs (straight lines at 0.71 of the anchors' spread), and a bend that turns each row
    // 45° about the centre and shrinks it to 0.71 more: line + bend = c + ½(I + R90)(line − c). Scaling this
    // bend back would not reach the floor either, so it is kept (γ = 1) and the group widened to 0.95.
    const line = straight(crossedPairs());
    const centre = [2, 0];
    const bent = crossedPairs((i) => {
      const dx = line[2 * i] - centre[0];
      const dy = line[2 * i + 1] - centre[1];
      return [0.5 * (-dy - dx), 0.5 * (dx - dy)];
    });
    const out = evaluateSnapshot(bent, 0.5);
    expect(spread(out, 2) / spread(bent.chain[0], 2)).toBeCloseTo(0.95, 5);
    for (let i = 0; i < n; i++) {
      const a = Math.atan2(line[2 * i + 1] - centre[1], line[2 * i] - centre[0]);
      const b = Math.atan2(out[2 * i + 1] - centre[1], out[2 * i] - centre[0]);
      // Each row turned by the whole 45° of its bend (a scaled-back bend would turn it less).
      expect(Math.cos(b - a - Math.PI / 4)).toBeCloseTo(1, 5);
    }
  });
});

describe('steadyLengths (speed differences within sampling noise taken out of the pace)', () => {
  it('leaves equal speeds and noiseless moves as they are', () => {
    expect(steadyLengths([0, 1, 3], [1, 2], [0.3, 0.3])).toEqual([1, 2]);
    expect(steadyLengths([0, 1, 2], [0.2, 2], [0, 0])).toEqual([0.2, 2]);
  });

  it('pools speeds that differ by less than the noise of the shorter interval: a pace linear in λ', () => {
    // Anchors 0, 0.05, 2 on a blob turning steadily: the first move (0.116) is mostly noise (0.095).
    const out = steadyLengths([0, 0.05, 2], [0.116, 2.714], [0.095, 0.1]);
    const pooled = (0.116 + 2.714) / 2;
    expect(out[0]).toBeCloseTo(pooled * 0.05, 12);
    expect(out[1]).toBeCloseTo(pooled * 1.95, 12);
    for (const lambda of [0.02, 0.5, 1.3]) {
      const { k, s } = paceLocate([0, 0.05, 2], out, lambda);
      expect(k === 0 ? s * 0.05 : 0.05 + s * 1.95).toBeCloseTo(lambda, 9);
    }
  });

  it('keeps (1 − σ²/Δ²) of a difference Δ of the speed from the pooled speed', () => {
    // Speeds 1 and 3 about a pooled 2 (Δ = ∓1) with σ = 0.5: keep 0.75, so speeds 1.25 and 2.75.
    const out = steadyLengths([0, 1, 2], [1, 3], [0.5, 0.5]);
    expect(out[0]).toBeCloseTo(1.25, 12);
    expect(out[1]).toBeCloseTo(2.75, 12);
  });
});

describe('groupLengths (a pace per condition group, drawn towards the shared pace by its noise)', () => {
  const lambdas = [0, 1, 2];
  const steady = [0.5, 1.5];

  it('leaves out a group whose moves follow the shared pace at any scale: it samples by the shared pace itself', () => {
    // Twice the shared moves: the same shape, so no pace of its own.
    expect(groupLengths(lambdas, steady, { a: [1, 3] }, { a: [0.4, 0.4] })).toEqual({});
  });

  it('keeps (1 − σ²/Δ²) of a difference Δ from the shared pace scaled to the group, and all of it without noise', () => {
    // A steady group (moves 1, 1): the shared shape scaled to its total 2 is 0.5, 1.5, so Δ = ±0.5.
    // σ = 0.25 keeps 0.75 of it: 0.875, 1.125. With no noise its own moves are kept.
    const out = groupLengths(lambdas, steady, { steady: [1, 1], exact: [1, 1] }, { steady: [0.25, 0.25], exact: [0, 0] });
    expect(out.steady[0]).toBeCloseTo(0.875, 12);
    expect(out.steady[1]).toBeCloseTo(1.125, 12);
    expect(out.exact).toEqual([1, 1]);
  });

  it('leaves out a group whose difference is within its noise, and groups without noise measured', () => {
    // Δ = ±0.5 against σ = 0.6: pulled fully back to the shared pace.
    expect(groupLengths(lambdas, steady, { small: [1, 1], unmeasured: [1, 1] }, { small: [0.6, 0.6] })).toEqual({});
  });
});

describe('turnsBack (a group whose path reverses at an anchor keeps the shared pace on the transport spline)', () => {
  it('finds a reversal: mean moves more than 90° apart at an interior anchor', () => {
    // 1-D up, then down (a wave past its crest); 2-D a turn of 120°.
    expect(turnsBack([[0.8], [-0.5]], [0.1, 0.1])).toBe(true);
    expect(turnsBack([[1, 0], [-0.5, Math.sqrt(3) / 2]], [0.1, 0.1])).toBe(true);
    // The reversal may sit at any interior anchor.
    expect(turnsBack([[1, 0], [1, 0.2], [-1, 0]], [0.1, 0.1, 0.1])).toBe(true);
  });

  it('does not call a turn of up to 90° a reversal (an arc, even an accelerating one)', () => {
    expect(turnsBack([[1, 0], [0.01, 1]], [0.1, 0.1])).toBe(false);
    expect(turnsBack([[0.3, 0.1], [1.5, 2]], [0.1, 0.1])).toBe(false);
    expect(turnsBack([[0.8], [0.5]], [0.1, 0.1])).toBe(false);
  });

  it('ignores a move within the sampling noise: it has no direction to compare', () => {
    // A class holding still (its mean moves 0.05 against a noise of 0.1), then moving.
    expect(turnsBack([[-0.05, 0], [1, 0]], [0.1, 0.1])).toBe(false);
    expect(turnsBack([[1, 0], [-0.05, 0]], [0.1, 0.1])).toBe(false);
    // The same reversal, measured well above the noise, counts.
    expect(turnsBack([[-0.5, 0], [1, 0]], [0.1, 0.1])).toBe(true);
  });

  it('needs two intervals to find a turn', () => {
    expect(turnsBack([[1, 0]], [0.1])).toBe(false);
  });
});

describe('evaluateSnapshot with a pace per group', () => {
  it('moves a row with a pace of its own by it, and every other row by the shared pace', () => {
    // Two rows in 1-D: row 0 travels 0.2, then 2 (its own pace); row 1 travels 1, then 1 (the shared pace, linear).
    const snap: SamplerSnapshot = {
      lambdas: [0, 1, 2],
      D: 1,
      nodes: 2,
      n: 2,
      yMean: [0],
      yScale: 1,
      chain: [Float32Array.of(0, 0), Float32Array.of(0.2, 1), Float32Array.of(2.2, 2)],
      phis: [null, null],
      lengths: [1, 1],
      groupPaces: { lengths: [[0.2, 2]], row: Int32Array.of(0, -1) },
    };
    // Row 0 follows the cubic through its own moves (P(1.5) = 0.2 + 0.6830, paceLocate's known answer above).
    const at = (lambda: number) => Array.from(evaluateSnapshot(snap, lambda));
    expect(at(1.5)[0]).toBeCloseTo(0.883, 3);
    expect(at(1.5)[1]).toBeCloseTo(1.5, 6);
    expect(at(0.5)[0]).toBeCloseTo(0.2 * paceLocate(snap.lambdas, [0.2, 2], 0.5).s, 6);
    expect(at(0.5)[1]).toBeCloseTo(0.5, 6);
    // Without it row 0 moves linearly in λ too.
    expect(evaluateSnapshot({ ...snap, groupPaces: undefined }, 1.5)[0]).toBeCloseTo(1.2, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { resolveConfig } from '../src/core/config';
import type { Anchor, AnchorSet } from '../src/core/data/types';
import { anchorEvidence, chordWeightedMedian, CURVED_SHRINK, HOLDS_STILL, LONG_DETOUR, POTENTIAL_WEIGHT, potentialReason, resolvePotentialWeight, UNEVEN_PACE } from '../src/core/geometry/potential-weight';
import { spread } from '../src/core/metrics/spread';
import { Rng } from '../src/core/random';
import { fitNormalization, standardizeAnchors } from '../src/core/sampling/normalize';
import { SETTINGS_SCHEMA } from '../src/app/settings/schema';

const n = 40;
/** n points evenly over the arc [−0.1π, 0.1π] of the unit circle about (cx, 0), turned by `turn`. */
function arcAt(lambda: number, turn: number, cx = 0): Anchor {
  const y = Array.from({ length: n }, (_, i) => {
    const phi = -0.1 * Math.PI + (0.2 * Math.PI * i) / (n - 1) + turn;
    return [cx + Math.cos(phi), Math.sin(phi)];
  }).flat();
  return { lambda, n, y: Float32Array.from(y) };
}
const set = (anchors: Anchor[]): AnchorSet => ({ source: 'test', dimY: 2, condition: { kind: 'none' }, anchors });

describe('the evidence the anchors give for the potential', () => {
  it('a cloud moved clear of itself keeps its spread under straight lines (shrink 0)', () => {
    const moved = set([arcAt(0, 0), arcAt(1, 0, 5)]);
    const e = anchorEvidence(moved, moved.anchors);
    // 0 up to the matching-noise term, which two random halves of 40 evenly spaced points put at 0.003.
    expect(e.shrink).toBeLessThan(0.005);
    // One interval: no pace to compare.
    expect(e.paceRatio).toBeNull();
  });

  it('an arc turned by θ is cut short by the chords: |log ratio| = −log cos(θ/2)', () => {
    // Every pair's angle lies within [0.1π, 0.5π], where the chord cost 2 − 2cos Δ is convex, so the
    // optimal coupling is the sorted one, pairing each point with its own turned copy; the chords'
    // midpoints are the arc turned by θ/2 and scaled by cos(θ/2).
    const turned = set([arcAt(0, 0), arcAt(1, 0.3 * Math.PI)]);
    // Within the matching-noise term (0.003 here, below).
    expect(anchorEvidence(turned, turned.anchors).shrink).toBeCloseTo(-Math.log(Math.cos(0.15 * Math.PI)), 2);
    expect(-Math.log(Math.cos(0.15 * Math.PI))).toBeGreaterThan(CURVED_SHRINK);
  });

  it('the pace ratio is the fastest interval over the slowest, per unit of λ; stillest the smallest move over spread', () => {
    // Moves of 0.5 over Δλ = 1, then 6 over Δλ = 0.5 (pace 0.5 and 12): ratio 24.
    const late = set([arcAt(0, 0, 0), arcAt(1, 0, 0.5), arcAt(1.5, 0, 6.5)]);
    const e = anchorEvidence(late, late.anchors);
    expect(e.paceRatio).toBeCloseTo(24, 4);
    expect(e.shrink).toBeLessThan(0.005);
    // Every row moves by the same shift, so the smallest interval's move over the arc's spread is 0.5 / spread.
    const s = spread(late.anchors[0].y, 2);
    expect(e.stillest).toBeCloseTo(0.5 / s, 4);
    // Even pace: ratio 1.
    const steady = set([arcAt(0, 0, 0), arcAt(1, 0, 2), arcAt(2, 0, 4)]);
    expect(anchorEvidence(steady, steady.anchors).paceRatio).toBeCloseTo(1, 5);
  });

  it('takes out the shrink that matching two finite samples gives by itself, which grows with D', () => {
    // A Gaussian cloud translating along three of D axes while its sd grows 0.3 → 0.5: straight lines are
    // its truth. Before the noise term was taken out the shrink read 0.006 (D = 2), 0.036 (D = 5) and
    // 0.080 (D = 10, at CURVED_SHRINK: one seed kept the potential).
    for (const D of [2, 5, 10]) {
      for (const seed of [1, 2, 3]) {
        const rng = new Rng(seed);
        const at = (lambda: number): Anchor => {
          const sd = 0.3 + 0.1 * lambda;
          return { lambda, n: 300, y: Float32Array.from({ length: 300 * D }, (_, j) => (j % D < 3 ? 0.6 * lambda : 0) + sd * rng.normal()) };
        };
        const cloud: AnchorSet = { source: 'cloud', dimY: D, condition: { kind: 'none' }, anchors: [at(0), at(1), at(2)] };
        const e = anchorEvidence(cloud, standardizeAnchors(cloud, fitNormalization(cloud)));
        expect(e.shrink!).toBeLessThan(0.01);
        expect(potentialReason(e)).toBe('steady');
      }
    }
  });

  it('groups too small to measure give no evidence', () => {
    const tiny = set([arcAt(0, 0), arcAt(1, 0.3 * Math.PI)].map((a) => ({ ...a, n: 4, y: a.y.slice(0, 8) })));
    expect(anchorEvidence(tiny, tiny.anchors)).toEqual({ shrink: null, paceRatio: null, stillest: null, detour: null });
  });

  it('inputs that differ between anchors are not pooled into a group; outputs that never move are measured as still', () => {
    // One output per input, on a turning arc, but fresh inputs at each anchor: pooled, they would read as a curve.
    const fresh: AnchorSet = {
      source: 'test',
      dimY: 2,
      condition: { kind: 'continuous', dim: 1 },
      anchors: [0, 1].map((lambda) => ({ ...arcAt(lambda, 0.3 * Math.PI * lambda), c: Float32Array.from({ length: n }, (_, i) => lambda + i / n) })),
    };
    expect(anchorEvidence(fresh, fresh.anchors)).toEqual({ shrink: null, paceRatio: null, stillest: null, detour: null });
    expect(resolvePotentialWeight('auto', fresh, fresh.anchors)).toEqual({ alpha: 0, reason: 'unmeasured' });
    // The same cloud at three anchors: measured (stillest 0), nothing moves, so no shrink and no pace.
    const still = set([arcAt(0, 0), arcAt(1, 0), arcAt(2, 0)]);
    expect(anchorEvidence(still, still.anchors)).toEqual({ shrink: null, paceRatio: null, stillest: 0, detour: null });
    expect(resolvePotentialWeight('auto', still, still.anchors)).toEqual({ alpha: 0, reason: 'steady' });
  });
});

describe("the potential weight 'auto'", () => {
  it('keeps the potential for curves and late jumps; drops it for steadily moving clouds and data it cannot measure', () => {
    expect(potentialReason({ shrink: CURVED_SHRINK, paceRatio: 1, stillest: 3, detour: 0.15 })).toBe('curve');
    // Cut short, but the data join the pairs only by a long detour (an elongated cloud turning in open space).
    expect(potentialReason({ shrink: CURVED_SHRINK, paceRatio: 1, stillest: 3, detour: LONG_DETOUR })).toBe('detour');
    expect(potentialReason({ shrink: 0.01, paceRatio: 1, stillest: 3, detour: 2 * LONG_DETOUR })).toBe('steady');
    // A late jump keeps the potential whatever the detour.
    expect(potentialReason({ shrink: CURVED_SHRINK, paceRatio: UNEVEN_PACE, stillest: HOLDS_STILL / 2, detour: LONG_DETOUR })).toBe('holds-then-jumps');
    // Holds still over one interval, then jumps (the dropout moons).
    expect(potentialReason({ shrink: 0.01, paceRatio: UNEVEN_PACE, stillest: HOLDS_STILL / 2, detour: 0.15 })).toBe('holds-then-jumps');
    // One output per input: nothing to measure, and nothing for the potential to follow.
    expect(potentialReason({ shrink: null, paceRatio: null, stillest: null, detour: null })).toBe('unmeasured');
    // Groups measured but none moved: steady (still), not 'too few outputs'.
    expect(potentialReason({ shrink: null, paceRatio: null, stillest: 0, detour: null })).toBe('steady');
    // Speeds up without ever holding still (a cloud moving as λ³), or moves steadily: no potential.
    expect(potentialReason({ shrink: 0.01, paceRatio: 3 * UNEVEN_PACE, stillest: HOLDS_STILL * 4, detour: 0.15 })).toBe('steady');
    expect(potentialReason({ shrink: 0.01, paceRatio: 2, stillest: HOLDS_STILL / 2, detour: 0.15 })).toBe('steady');
    expect(potentialReason({ shrink: 0.01, paceRatio: null, stillest: 3, detour: 0.15 })).toBe('steady');
    // Anchors that barely move and then jump keep it; the same jump after a steady move does not.
    const jump = set([arcAt(0, 0, 0), arcAt(1, 0, 0.02), arcAt(2, 0, 3)]);
    const steadyThenFast = set([arcAt(0, 0, 0), arcAt(1, 0, 0.6), arcAt(2, 0, 6)]);
    expect(resolvePotentialWeight('auto', jump, jump.anchors)).toEqual({ alpha: POTENTIAL_WEIGHT, reason: 'holds-then-jumps' });
    expect(resolvePotentialWeight('auto', steadyThenFast, steadyThenFast.anchors)).toEqual({ alpha: 0, reason: 'steady' });
    const turned = set([arcAt(0, 0), arcAt(1, 0.3 * Math.PI)]);
    const moved = set([arcAt(0, 0), arcAt(1, 0, 5), arcAt(2, 0, 10)]);
    expect(resolvePotentialWeight('auto', turned, turned.anchors)).toEqual({ alpha: POTENTIAL_WEIGHT, reason: 'curve' });
    expect(resolvePotentialWeight('auto', moved, moved.anchors)).toEqual({ alpha: 0, reason: 'steady' });
    // Groups too small to measure (here 4 rows, even on a curve): no potential.
    const tiny = set([arcAt(0, 0), arcAt(1, 0.3 * Math.PI)].map((a) => ({ ...a, n: 4, y: a.y.slice(0, 8) })));
    expect(resolvePotentialWeight('auto', tiny, tiny.anchors)).toEqual({ alpha: 0, reason: 'unmeasured' });
    // A number is used as given.
    expect(resolvePotentialWeight(0.3, moved, moved.anchors)).toEqual({ alpha: 0.3, reason: null });
  });

  it('a model resolves it: without a potential where it is 0, and with one where a number asks for it', () => {
    expect(resolveConfig().alpha).toBe('auto');
    expect(() => resolveConfig({ alpha: 'strong' as never })).toThrow(/alpha.*auto/);
    const moved = set([arcAt(0, 0), arcAt(1, 0, 5), arcAt(2, 0, 10)]);
    const auto = new ClotModel(moved, { variant: 'full' });
    expect(auto.alpha).toBe(0);
    expect(auto.alphaReason).toBe('steady');
    expect(auto.potential).toBeNull();
    // A forecaster: one output per input, the same 40 inputs at each anchor, each output on a curve of its own.
    const inputs = Float32Array.from({ length: n }, (_, i) => i / n);
    const forecasts: AnchorSet = {
      source: 'test',
      dimY: 2,
      condition: { kind: 'continuous', dim: 1 },
      anchors: [0, 0.5, 1].map((lambda) => ({ ...arcAt(lambda, lambda * Math.PI), c: inputs })),
    };
    const perInput = new ClotModel(forecasts, { variant: 'full' });
    expect(perInput.alpha).toBe(0);
    expect(perInput.alphaReason).toBe('unmeasured');
    expect(perInput.potential).toBeNull();
    perInput.dispose();
    // K_I − U with no potential left is K_I: straight lines, no path network.
    const straight = new ClotModel(moved, { variant: 'euclidean+potential' });
    expect(straight.potential).toBeNull();
    expect(straight.path).toBeNull();
    const forced = new ClotModel(moved, { variant: 'full', alpha: 0.1 });
    expect(forced.alpha).toBe(0.1);
    expect(forced.alphaReason).toBeNull();
    expect(forced.potential).not.toBeNull();
    // A variant without a potential reports α = 0 whatever the setting.
    const metric = new ClotModel(moved, { variant: 'metric', alpha: 0.1 });
    expect(metric.alpha).toBe(0);
    expect(metric.alphaReason).toBeNull();
    for (const m of [auto, straight, forced, metric]) m.dispose();
  });

  it("reads 'auto' from an empty box, the word or the URL", () => {
    const parse = SETTINGS_SCHEMA.alpha.parse;
    expect(parse('')).toBe('auto');
    expect(parse('AUTO')).toBe('auto');
    expect(parse('0')).toBe(0);
    expect(parse('0.2')).toBe(0.2);
    expect(parse('-1')).toBeNull();
    expect(SETTINGS_SCHEMA.alpha.default).toBe('auto');
  });
});

describe('curves the data trace against a shape that turns in open space', () => {
  /** A stick (21 × 3 grid, 2 long, 0.2 wide) at angle θ, centred at (cx, 0). */
  const stick = (lambda: number, theta: number, cx: number): Anchor => {
    const y: number[] = [];
    for (let i = 0; i < 21; i++) {
      for (const v of [-0.1, 0, 0.1]) {
        const u = -1 + i / 10;
        y.push(cx + u * Math.cos(theta) - v * Math.sin(theta), u * Math.sin(theta) + v * Math.cos(theta));
      }
    }
    return { lambda, n: 63, y: Float32Array.from(y) };
  };

  it('a stick turning about its own centre as it moves is cut short like an arc, but its anchors join it only round their crossing', () => {
    const turning = set([stick(0, Math.PI / 3, 0), stick(1, (2 * Math.PI) / 3, 1.5)]);
    const e = anchorEvidence(turning, turning.anchors);
    expect(e.shrink).toBeGreaterThan(CURVED_SHRINK);
    expect(e.detour).toBeGreaterThan(LONG_DETOUR);
    expect(resolvePotentialWeight('auto', turning, turning.anchors)).toEqual({ alpha: 0, reason: 'detour' });
  });

  it('an arc sliding along its circle is joined along the circle, close to the chord', () => {
    const turned = set([arcAt(0, 0), arcAt(1, 0.3 * Math.PI)]);
    const e = anchorEvidence(turned, turned.anchors);
    // The pairs' routes run along the arc, across the gap between the two arcs: the sagitta of a 0.3π turn over its chord.
    expect(e.detour).toBeCloseTo((1 - Math.cos(0.15 * Math.PI)) / (2 * Math.sin(0.15 * Math.PI)), 2);
    expect(e.detour).toBeLessThan(LONG_DETOUR);
  });
});

describe('the chord-weighted median of the route detours', () => {
  it('is the detour below which half the total chord length lies, not the plain median', () => {
    // Plain median 0.1; but the one long pair (chord 10) outweighs the three short ones together.
    const routes = [
      { detour: 0.1, chord: 1 },
      { detour: 0.05, chord: 1 },
      { detour: 0.4, chord: 10 },
      { detour: 0.12, chord: 1 },
    ];
    expect(chordWeightedMedian(routes)).toBe(0.4);
    expect(chordWeightedMedian(routes.map((r) => ({ ...r, chord: 1 })))).toBe(0.1);
  });

  it('is not traced where the groups are not cut short', () => {
    const moved = set([arcAt(0, 0), arcAt(1, 0, 5), arcAt(2, 0, 10)]);
    expect(anchorEvidence(moved, moved.anchors).detour).toBeNull();
  });
});

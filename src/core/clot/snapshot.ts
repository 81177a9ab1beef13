import { SplineBasis } from '../geometry/spline';
import { locate } from '../sampling/locate';
import { warpedParameter } from './timing';
import { paceLocate } from './pace';
import { hermiteBend } from '../geometry/natural-spline';
import { groupMeans, groupStats } from './group-stats';
import { scaleGroups, type WidthProfile, widthFactor } from './width-profile';

/**
 * Everything needed to evaluate the surrogate at any λ without tfjs: the
 * pushed samples at every anchor and each interval's spline coefficients,
 * standardised. Plain typed arrays, so a worker can transfer it to the UI
 * thread, which then samples on every slider movement in plain arithmetic.
 */
export interface SamplerSnapshot {
  lambdas: number[];
  D: number;
  /** Interior spline nodes. */
  nodes: number;
  n: number;
  yMean: number[];
  yScale: number;
  /** K + 1 arrays of n × D: Y_0 (start rows), T_0(Y_0), … */
  chain: Float32Array[];
  /** K arrays of n × nodes × D, or null where paths are straight. */
  phis: (Float32Array | null)[];
  /**
   * Constant-speed timing: per interval, n × WARP_POINTS cumulative arc-length
   * fractions (timing.ts), or null where the spline parameter is used as is
   * (straight paths, which already move at constant speed, or 'uniform' timing).
   */
  warps?: (Float32Array | null)[];
  /**
   * Transport spline (model.followsSpline): K + 1 arrays of n × D, each row's tangent at every anchor of
   * the natural cubic through its pushed samples `chain`, in the variable whose value at anchor k is
   * knots[k] (its group's groupKnots[k] where it keeps a pace of its own); absent for paths given by φ
   * or straight.
   */
  tangents?: Float32Array[];
  /** The spline's knots: the anchors' λ or the pace's progress at them (cumulative `lengths`), as model.splineKnotsAtLambda chose. */
  knots?: number[];
  /** The same for each entry of groupPaces (its own lengths), where rows keep a pace of their own. */
  groupKnots?: number[][];
  /** Calibrated timing: the moves the pace follows (model.paceLengths(), pace.ts); absent for a pace linear in λ. */
  lengths?: number[];
  /**
   * Calibrated timing kept per condition group: the moves each group with a pace of its own follows
   * (model.groupPaceLengths(), pace.ts groupLengths), and for each row the index of its group's entry,
   * or −1 where the row keeps `lengths`; absent where every row keeps `lengths`.
   */
  groupPaces?: { lengths: number[][]; row: Int32Array };
  /**
   * Group of each row for the spread guard (bendScales): its class, or its
   * condition value where every condition repeats, or one group without a
   * condition; absent where rows are not grouped (one row per input).
   */
  groups?: Int32Array;
  /** The width profile the groups follow between anchors (width-profile.ts); absent where it is linear. */
  widthProfile?: WidthProfile;
}

const bases = new Map<number, SplineBasis>();
function basisFor(nodes: number): SplineBasis {
  let b = bases.get(nodes);
  if (!b) bases.set(nodes, (b = new SplineBasis(nodes)));
  return b;
}

/** Surrogate outputs at λ in data units (n × D), written into `out` when given. */
export function evaluateSnapshot(snap: SamplerSnapshot, lambda: number, out?: Float32Array): Float32Array {
  const { k, s } = snap.lengths ? paceLocate(snap.lambdas, snap.lengths, lambda) : locate(snap.lambdas, lambda);
  // Each group's own interval fraction where its pace is kept per group.
  const paces = snap.lengths ? snap.groupPaces : undefined;
  const groupS = paces ? paces.lengths.map((L) => paceLocate(snap.lambdas, L, lambda).s) : null;
  const { D, nodes, n, yMean, yScale } = snap;
  const y = snap.chain[k];
  const z = snap.chain[k + 1];
  const phi = snap.phis[k];
  const warp = phi ? snap.warps?.[k] : null;
  // The transport spline's segment on interval k, as a bend off the straight line (Hermite form).
  const ta = snap.tangents?.[k];
  const tb = snap.tangents?.[k + 1];
  const knotWidth = (x: number[]) => x[k + 1] - x[k];
  const width = ta && tb && snap.knots ? knotWidth(snap.knots) : 0;
  const groupWidths = width > 0 && paces && snap.groupKnots ? snap.groupKnots.map(knotWidth) : null;
  const basis = basisFor(nodes);
  const B = new Float64Array(nodes);
  basis.evalInto(s, B);
  let basisAt = s;
  // Each row's point on its straight line and its bend from it, standardised.
  const line = new Float32Array(n * D);
  const bend = phi || width > 0 ? new Float32Array(n * D) : null;
  for (let i = 0; i < n; i++) {
    // Each row's own spline parameter under constant-speed or calibrated timing.
    const own = paces ? paces.row[i] : -1;
    const si = own >= 0 ? groupS![own] : s;
    const u = warp ? warpedParameter(warp, i, si) : si;
    if (u !== basisAt) basis.evalInto((basisAt = u), B);
    for (let d = 0; d < D; d++) {
      line[i * D + d] = (1 - u) * y[i * D + d] + u * z[i * D + d];
      if (phi) {
        // φ is laid out [nodes, D] per row.
        const base = i * nodes * D;
        let v = 0;
        for (let j = 0; j < nodes; j++) v += B[j] * phi[base + j * D + d];
        bend![i * D + d] = v;
      } else if (bend) {
        const at = i * D + d;
        bend[at] = hermiteBend(y[at], z[at], ta![at], tb![at], groupWidths && own >= 0 ? groupWidths[own] : width, u);
      }
    }
  }
  const groups = snap.groups;
  const floors = bend && groups ? spreadFloors(y, z, groups, D) : null;
  const gamma = floors ? bendScales(line, bend!, groups!, D, floors) : null;
  // A guarded group keeps its mean bend whole (the group still travels along the curve) and scales only
  // each row's departure from it; adding a constant leaves the spread that γ was chosen for unchanged.
  const meanBend = gamma ? groupMeans(bend!, groups!, D, gamma.length) : null;
  const q = out ?? new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    const g = gamma ? gamma[groups![i]] : 1;
    for (let d = 0; d < D; d++) {
      let v = line[i * D + d];
      if (bend) v += meanBend ? meanBend[groups![i] * D + d] + g * (bend[i * D + d] - meanBend[groups![i] * D + d]) : bend[i * D + d];
      q[i * D + d] = v;
    }
  }
  if (snap.widthProfile && groups) {
    // Each group's factor at its own interval fraction (a group keeps one pace, so its first row's).
    const factors = new Float64Array(groups.reduce((m, g) => Math.max(m, g), -1) + 1).fill(NaN);
    for (let i = 0; i < n; i++) {
      const g = groups[i];
      if (!Number.isNaN(factors[g])) continue;
      const own = paces ? paces.row[i] : -1;
      factors[g] = widthFactor(snap.widthProfile, g, k, own >= 0 ? groupS![own] : s);
    }
    scaleGroups(q, groups, D, factors);
  }
  if (floors) widenToFloor(q, groups!, D, floors);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) q[i * D + d] = q[i * D + d] * yScale + yMean[d];
  return q;
}

/**
 * SPREAD_GUARD² × the variance (covariance trace) of each group's narrower anchor of the interval.
 * Not the straight line's variance: between the pairs of a curved coupling (the anchors recoupled
 * under the learned geometry pair points along a turn) straight lines cross and bunch a group
 * (the rotating blob's fell to 0.56 of its anchors' variance), and a group that stays as narrow as
 * its narrower anchor while straight lines would spread it (outputs that keep still, then blow up
 * late, as under dropout near 1) is right to stay narrow.
 */
function spreadFloors(y: Float32Array, z: Float32Array, groups: Int32Array, D: number): Float64Array {
  const G = groups.reduce((m, g) => Math.max(m, g), -1) + 1;
  const a = groupStats(y, groups, D, G).variance;
  const b = groupStats(z, groups, D, G).variance;
  return a.map((v, g) => SPREAD_GUARD ** 2 * Math.min(v, b[g]));
}

/**
 * Where a group's points (standardised, in place) are still narrower than its floor after the bend
 * was scaled back (the time warp alone can bunch a group), widens the group about its mean to the
 * floor: the shape the paths give is kept, its spread is not allowed to collapse.
 */
function widenToFloor(q: Float32Array, groups: Int32Array, D: number, floors: Float64Array): void {
  const G = floors.length;
  const { mean, variance } = groupStats(q, groups, D, G);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (!(variance[g] > 1e-12) || variance[g] >= floors[g]) continue;
    const k = Math.sqrt(floors[g] / variance[g]);
    for (let d = 0; d < D; d++) q[i * D + d] = mean[g * D + d] + k * (q[i * D + d] - mean[g * D + d]);
  }
}

/** The spread guard keeps each group at least this fraction of its narrower anchor's spread. */
const SPREAD_GUARD = 0.95;

/**
 * The spread guard, first half: per group, the largest γ ∈ [0, 1] such that
 * the points line + γ·bend keep at least the group's floor (spreadFloors);
 * widenToFloor covers the rest. Curved paths may carry mass onto the data's
 * manifold but may not squeeze a group below its narrower anchor (as when a
 * potential pulls every path of a wide cluster into its dense core). Where the
 * straight lines at the rows' own parameters are already below the floor, the
 * bend is not what squeezes the group and is kept whole: scaling it back would
 * move rows off the curve their paths follow (semicircles: W2 0.167 → 0.137,
 * NLL +1.97 → −0.43) without bringing the group up to the floor.
 */
function bendScales(line: Float32Array, bend: Float32Array, groups: Int32Array, D: number, floors: Float64Array): Float64Array {
  const G = groups.reduce((m, g) => Math.max(m, g), -1) + 1;
  // Per group and dim: count, Σl, Σb, Σl², Σb², Σlb.
  const acc = new Float64Array(G * D * 5);
  const count = new Float64Array(G);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    count[g]++;
    for (let d = 0; d < D; d++) {
      const l = line[i * D + d];
      const b = bend[i * D + d];
      const o = (g * D + d) * 5;
      acc[o] += l;
      acc[o + 1] += b;
      acc[o + 2] += l * l;
      acc[o + 3] += b * b;
      acc[o + 4] += l * b;
    }
  }
  const gamma = new Float64Array(G).fill(1);
  for (let g = 0; g < G; g++) {
    const c = count[g];
    if (c < 2) continue;
    // Variance f(γ) = L + 2γX + γ²Bv of line + γ·bend, convex in γ with f(0) = L.
    let L = 0;
    let X = 0;
    let Bv = 0;
    for (let d = 0; d < D; d++) {
      const o = (g * D + d) * 5;
      L += acc[o + 2] / c - (acc[o] / c) ** 2;
      X += acc[o + 4] / c - (acc[o] / c) * (acc[o + 1] / c);
      Bv += acc[o + 3] / c - (acc[o + 1] / c) ** 2;
    }
    const floor = floors[g];
    if (L < floor || L + 2 * X + Bv >= floor) continue;
    // f falls below the floor before γ = 1: stop at its first crossing, the smaller root of f(γ) = floor.
    const slack = L - floor;
    const disc = Math.max(X * X - Bv * slack, 0);
    gamma[g] = Bv > 1e-12 ? Math.min(1, Math.max(0, (-X - Math.sqrt(disc)) / Bv)) : Math.min(1, slack / Math.max(-2 * X, 1e-12));
  }
  return gamma;
}

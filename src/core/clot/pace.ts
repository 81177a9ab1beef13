import { locate } from '../sampling/locate';

/**
 * The pace of the surrogate across anchors (config.timing = 'calibrated').
 * The anchors say how far mass travels between consecutive anchors (the mean
 * length of the coupled moves, `lengths[k]`), so progress P(λ) is known at
 * every anchor: P(λ_k) = lengths[0] + … + lengths[k−1]. Between anchors P is
 * the monotone cubic (Fritsch–Carlson) through those points: where the
 * anchors show the outputs speeding up (small moves, then large ones) mass
 * starts slowly and accelerates instead of moving at a constant rate in λ.
 * With equal speeds on both sides P is linear; with two anchors it is the
 * straight line, so λ keeps its plain meaning. `lengths` are the measured
 * moves after `steadyLengths` has taken out what sampling noise can explain.
 */
export function paceLocate(lambdas: number[], lengths: number[], lambda: number): { k: number; s: number } {
  const { k, s } = locate(lambdas, lambda);
  const K = lambdas.length - 1;
  if (K < 2 || !(lengths[k] > 1e-12)) return { k, s };
  const h = lambdas.slice(1).map((l, i) => l - lambdas[i]);
  const m = lengths.map((L, i) => L / h[i]);
  const d = slopes(h, m);
  // Hermite cubic on interval k, written in the interval fraction s.
  const s2 = s * s;
  const s3 = s2 * s;
  const p = (s3 - 2 * s2 + s) * h[k] * d[k] + (-2 * s3 + 3 * s2) * lengths[k] + (s3 - s2) * h[k] * d[k + 1];
  return { k, s: Math.min(1, Math.max(0, p / lengths[k])) };
}

/** Fritsch–Carlson derivatives at the knots for secant slopes m (all ≥ 0), so the cubic never decreases. */
function slopes(h: number[], m: number[]): number[] {
  const K = m.length;
  const d = new Array<number>(K + 1);
  for (let i = 1; i < K; i++) {
    if (m[i - 1] <= 0 || m[i] <= 0) d[i] = 0;
    else {
      // Weighted harmonic mean of the neighbouring secants.
      const w1 = 2 * h[i] + h[i - 1];
      const w2 = h[i] + 2 * h[i - 1];
      d[i] = (w1 + w2) / (w1 / m[i - 1] + w2 / m[i]);
    }
  }
  d[0] = endSlope(h[0], h[1], m[0], m[1]);
  d[K] = endSlope(h[K - 1], h[K - 2], m[K - 1], m[K - 2]);
  return d;
}

/** One-sided three-point end derivative, kept monotone. */
function endSlope(h0: number, h1: number, m0: number, m1: number): number {
  let d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
  if (Math.sign(d) !== Math.sign(m0)) d = 0;
  else if (Math.sign(m0) !== Math.sign(m1) && Math.abs(d) > Math.abs(3 * m0)) d = 3 * m0;
  return d;
}

/**
 * The moves the pace follows: each interval's speed (mean coupled move per unit of λ) drawn
 * towards the pooled speed (all moves over the whole λ range) by how little it differs from it
 * relative to the sampling noise its move carries. A mean coupled move between two finite samples
 * reads about `noise[k]` even where nothing moves, so an interval's speed is known to within
 * noise[k] / h_k: on a short interval that can exceed the true speeds (anchors 0, 0.05 and 2 on a
 * steadily turning blob read the first move as 0.116 against a noise of about 0.1, and the pace ran ahead
 * through the long interval: 1.3× straight lines' W2). The positive-part James–Stein factor
 * max(0, 1 − σ²/Δ²) keeps a difference Δ of several σ (the moons hold still, then jump: Δ = 7.5σ and 3.4σ) and
 * removes one within σ, so speeds that agree within noise give a pace linear in λ.
 */
export function steadyLengths(lambdas: number[], lengths: number[], noise: number[]): number[] {
  const h = lambdas.slice(1).map((l, i) => l - lambdas[i]);
  const span = lambdas[lambdas.length - 1] - lambdas[0];
  const total = lengths.reduce((a, b) => a + b, 0);
  if (lengths.length < 2 || !(span > 0) || !(total > 0)) return lengths.slice();
  const pooled = total / span;
  return lengths.map((L, k) => {
    const diff = L / h[k] - pooled;
    const sigma = noise[k] / h[k];
    if (!Number.isFinite(diff) || !Number.isFinite(sigma)) return L;
    const keep = keptShare(diff, sigma);
    // Written as a correction of L, so an interval kept whole (keep = 1) keeps its length exactly.
    return L - (1 - keep) * diff * h[k];
  });
}

/** The positive-part James–Stein factor: the share max(0, 1 − σ²/Δ²) of a speed difference Δ kept against its noise σ (all of it where Δ = 0). */
function keptShare(diff: number, sigma: number): number {
  return diff === 0 ? 1 : Math.max(0, 1 - (sigma * sigma) / (diff * diff));
}

/**
 * The moves each condition group's own pace follows (a class, or a recurring condition value; keys
 * as conditionKeys). One pace for all rows is wrong where groups keep different paces: one class slowing
 * down and one speeding up (moves 3, 1 and 1, 3) share a pace linear in λ, and the full method scored
 * straight lines' W2 (bench task `paces`: 0.264; 0.121 with a pace per class). Each group's speeds
 * are drawn towards the shared pace (`steady`, scaled to the group's own total move) by how little
 * they differ from it against the group's own sampling noise, with the factor of steadyLengths
 * (keptShare): a small or noisy group keeps the shared pace, one whose pace differs by several σ
 * keeps its own. Only groups with both lengths and noise, and a pace of their own, are returned.
 */
export function groupLengths(
  lambdas: number[],
  steady: number[],
  lengths: Record<string, number[]>,
  noise: Record<string, number[]>,
): Record<string, number[]> {
  const h = lambdas.slice(1).map((l, i) => l - lambdas[i]);
  const shared = steady.reduce((a, b) => a + b, 0);
  const out: Record<string, number[]> = {};
  for (const [key, L] of Object.entries(lengths)) {
    const sigmaOf = noise[key];
    if (!sigmaOf) continue;
    const total = L.reduce((a, b) => a + b, 0);
    const scale = shared > 0 ? total / shared : 0;
    let own = false;
    const kept = L.map((Lk, k) => {
      const diff = (Lk - steady[k] * scale) / h[k];
      const sigma = sigmaOf[k] / h[k];
      if (!Number.isFinite(diff) || !Number.isFinite(sigma)) return Lk;
      const keep = keptShare(diff, sigma);
      own ||= keep * diff !== 0;
      return Lk - (1 - keep) * diff * h[k];
    });
    // A group left with the shared pace's shape is not listed: it samples exactly as the shared pace.
    if (own) out[key] = kept;
  }
  return out;
}

/**
 * Whether a group's path turns back at an interior anchor: its mean moves on either side of it
 * (`moves[k]`, the change in the group's mean output over interval k) point more than 90° apart,
 * each longer than the group's sampling noise there (a move within noise has no direction to
 * compare). The pace reads travel from chords; a smooth path that reverses across an anchor has
 * its turn somewhere inside an interval, where the chord counts the travel short, so knots and a
 * pace set by chords shape and time the curve from a wrong length. Such a group keeps the shared
 * pace (model.groupsTurningBack). A travelling wave (each input's output sin(x − 1.2λ), anchors 0,
 * 1, 2) showed it: the inputs whose output reverses kept paces that put their means up to 7×
 * further from the truth than a cubic in λ, and the model scored 1.2× straight lines' W2
 * (BENCHMARKS.md, "Paths that turn back").
 */
export function turnsBack(moves: ArrayLike<number>[], noise: number[]): boolean {
  for (let k = 0; k + 1 < moves.length; k++) {
    const a = moves[k];
    const b = moves[k + 1];
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let d = 0; d < a.length; d++) {
      dot += a[d] * b[d];
      na += a[d] * a[d];
      nb += b[d] * b[d];
    }
    if (dot < 0 && Math.sqrt(na) > noise[k] && Math.sqrt(nb) > noise[k + 1]) return true;
  }
  return false;
}

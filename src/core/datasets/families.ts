import type { Anchor, AnchorSet } from '../data/types';
import { Rng } from '../random';

/**
 * Generators with known truth at every λ, for checking a surrogate on shapes
 * the defaults were never tuned on (benchmarks and regression tests). Each
 * returns the anchors at `lambdas`, so fresh draws at other λ are held-out
 * truth.
 */

/** A Gaussian blob (σ = 0.3) centred at radius 2, rotating about the origin by 30° per unit of λ; no condition. */
export function rotatingBlob(lambdas: number[], n = 300, seed = 0): AnchorSet {
  return { ...unevenCountsBlob(lambdas, [n], seed), source: 'rotating blob' };
}

/**
 * Two classes on arcs of different circles (radius 1 about the origin and
 * radius 2 about (0, 1)), each an arc of angular spread 0.2 rad with radial
 * noise 0.04, sliding along its circle by 0.6π and 0.4π per unit of λ in
 * opposite directions.
 */
export function unevenArcs(lambdas: number[], perClass = 150, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const circles = [
    { cx: 0, cy: 0, r: 1, start: 0, speed: 0.6 * Math.PI },
    { cx: 0, cy: 1, r: 2, start: Math.PI, speed: -0.4 * Math.PI },
  ];
  const anchors: Anchor[] = lambdas.map((l) => {
    const y = new Float32Array(2 * 2 * perClass);
    const label = new Int32Array(2 * perClass);
    circles.forEach((c, k) => {
      for (let i = 0; i < perClass; i++) {
        const j = k * perClass + i;
        const th = c.start + c.speed * l + 0.2 * rng.normal();
        const r = c.r + 0.04 * rng.normal();
        y[2 * j] = c.cx + r * Math.cos(th);
        y[2 * j + 1] = c.cy + r * Math.sin(th);
        label[j] = k;
      }
    });
    return { lambda: l, n: 2 * perClass, y, label };
  });
  return { source: 'uneven arcs', dimY: 2, condition: { kind: 'class', values: [0, 1] }, anchors };
}

/**
 * A continuous condition x ∈ {−1, −0.9, …, 1} (21 values, `per` samples
 * each): y | x, λ is Gaussian (σ = 0.15) about (1 + x/2) · (cos λx·π/2, sin λx·π/2),
 * so each input's outputs turn by an angle proportional to x.
 */
export function conditionedTurn(lambdas: number[], per = 12, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const xs = Array.from({ length: 21 }, (_, i) => -1 + i / 10);
  const anchors: Anchor[] = lambdas.map((l) => {
    const n = xs.length * per;
    const y = new Float32Array(2 * n);
    const c = new Float32Array(n);
    let j = 0;
    for (const x of xs) {
      const th = ((l * x * Math.PI) / 2);
      const r = 1 + x / 2;
      for (let i = 0; i < per; i++, j++) {
        y[2 * j] = r * Math.cos(th) + 0.15 * rng.normal();
        y[2 * j + 1] = r * Math.sin(th) + 0.15 * rng.normal();
        c[j] = x;
      }
    }
    return { lambda: l, n, y, c };
  });
  return { source: 'conditioned turn', dimY: 2, condition: { kind: 'continuous', dim: 1 }, anchors };
}

/**
 * One Gaussian blob that widens as it moves along a parabola: centre (2λ, λ²), σ = 0.2 + 0.4λ; no
 * condition. Its law between anchors is nearly what straight-line transport gives (the truth curves
 * only through the mean), so a curved surrogate has little to gain here and must not lose.
 */
export function expandingBlob(lambdas: number[], n = 300, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l) => {
    const s = 0.2 + 0.4 * l;
    const y = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = 2 * l + s * rng.normal();
      y[2 * i + 1] = l * l + s * rng.normal();
    }
    return { lambda: l, n, y };
  });
  return { source: 'expanding blob', dimY: 2, condition: { kind: 'none' }, anchors };
}

/**
 * A cloud shrinking by a constant factor per unit of λ (σ = e^(−1.5λ), so 1, 0.22 and 0.05 at λ = 0, 1,
 * 2) while it drifts along (λ, −λ/2); no condition. Straight lines shrink the width linearly, the truth
 * geometrically: halfway between λ = 0 and 1 they are 0.61 wide where it is 0.47 (clot/width-profile.ts).
 */
export function shrinkingCloud(lambdas: number[], n = 300, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l) => {
    const s = Math.exp(-1.5 * l);
    const y = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = l + s * rng.normal();
      y[2 * i + 1] = -0.5 * l + s * rng.normal();
    }
    return { lambda: l, n, y };
  });
  return { source: 'shrinking cloud', dimY: 2, condition: { kind: 'none' }, anchors };
}

/** One blob (σ = 0.25) splitting into two along x: half the rows centred at (+1.5λ, 0), half at (−1.5λ, 0); no condition. */
export function splittingBlob(lambdas: number[], n = 300, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l) => {
    const y = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = (i % 2 ? 1.5 : -1.5) * l + 0.25 * rng.normal();
      y[2 * i + 1] = 0.25 * rng.normal();
    }
    return { lambda: l, n, y };
  });
  return { source: 'splitting blob', dimY: 2, condition: { kind: 'none' }, anchors };
}

/**
 * A Gaussian blob (σ = 0.3) at radius 2 moving 30° per unit of λ, whose anchors hold different
 * numbers of points: `counts[k]` at lambdas[k] (the last count repeats for later λ). A first
 * anchor much smaller than the next checks that the surrogate shows every point of the larger
 * anchors, not only as many as the first has.
 */
export function unevenCountsBlob(lambdas: number[], counts: number[], seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l, k) => {
    const n = counts[Math.min(k, counts.length - 1)];
    const th = (Math.PI / 6) * l;
    const y = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = 2 * Math.cos(th) + 0.3 * rng.normal();
      y[2 * i + 1] = 2 * Math.sin(th) + 0.3 * rng.normal();
    }
    return { lambda: l, n, y };
  });
  return { source: 'uneven counts', dimY: 2, condition: { kind: 'none' }, anchors };
}

/**
 * Two classes keeping different paces (blobs, σ = 0.3, `perClass` rows each): class 0 slows down along
 * x (x = 4λ − λ²), class 1 speeds up along y (y = 3 + λ²). Over anchors 0, 1, 2 their moves are 3, 1
 * and 1, 3, so a pace shared by both classes is linear in λ and wrong for each.
 */
export function classPaces(lambdas: number[], perClass = 200, seed = 0): AnchorSet {
  const rng = new Rng(seed);
  const anchors: Anchor[] = lambdas.map((l) => {
    const n = 2 * perClass;
    const y = new Float32Array(2 * n);
    const label = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i < perClass ? 0 : 1;
      label[i] = c;
      y[2 * i] = (c === 0 ? 4 * l - l * l : 0) + 0.3 * rng.normal();
      y[2 * i + 1] = (c === 0 ? 0 : 3 + l * l) + 0.3 * rng.normal();
    }
    return { lambda: l, n, y, label };
  });
  return { source: 'class paces', dimY: 2, condition: { kind: 'class', values: [0, 1] }, anchors };
}

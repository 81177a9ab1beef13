import { scaleLinear } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { useMemo } from 'react';
import { METHODS, type Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import type { EvalCell } from '../worker/eval-protocol';
import { Axis, AxisTitle } from './Axes';
import { formatValue, lambdaFormat } from './format';

const W = 520;
const H = 220;
const PAD = { l: 48, r: 12, t: 10, b: 36 };

// Tableau's ten plus two mid tones (readable on the light and the dark theme), so that each of the twelve methods has its own colour.
const PALETTE = [...schemeTableau10, '#6b6ecf', '#bcbd22'];
const methodColour = (m: Method) => PALETTE[METHODS.indexOf(m) % PALETTE.length];

/**
 * W2 over λ per method: filled dots where λ was held out from that method's
 * training, hollow where it was a training anchor (in-sample). At each λ the
 * held-out score is preferred where a split held it out. `floor`, where given,
 * is drawn dashed: the spread between real networks from different seeds.
 */
export function EvalCurve({ cells, range, anchors, floor }: { cells: EvalCell[]; range: [number, number]; anchors: number[]; floor?: { lambda: number; w2: number }[] }) {
  const pal = useStore(paletteOf);
  const methods = [...new Set(cells.map((c) => c.method))];
  const series = methods.map((m) => {
    const byLambda = new Map<number, EvalCell>();
    for (const c of cells.filter((x) => x.method === m)) {
      const prev = byLambda.get(c.lambda);
      if (!prev || (c.heldOut && !prev.heldOut)) byLambda.set(c.lambda, c);
    }
    return { m, pts: [...byLambda.values()].sort((a, b) => a.lambda - b.lambda) };
  });
  const [lo, hi] = range;
  const px = useMemo(() => scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).range([PAD.l, W - PAD.r]), [lo, hi]);
  const ymax = Math.max(1e-9, ...cells.map((c) => c.w2), ...(floor ?? []).map((f) => f.w2));
  const py = useMemo(() => scaleLinear().domain([0, ymax]).nice(4).range([H - PAD.b, PAD.t]), [ymax]);
  // The λ axis ticks at the anchors (held out or not), labelled to the slider's resolution.
  const anchorKey = anchors.join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: anchorKey stands for the anchors' values
  const anchorTicks = useMemo(() => anchors, [anchorKey]);
  const formatLambda = useMemo(() => lambdaFormat(hi - lo), [lo, hi]);
  return (
    <figure className="eval-curve">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label="W2 over λ per method" data-testid="eval-curve" fill={pal.foreground}>
        <Axis orient="bottom" scale={px} at={H - PAD.b} tickValues={anchorTicks} tickFormat={formatLambda} />
        <Axis orient="left" scale={py} at={PAD.l} ticks={4} />
        <AxisTitle x={(W + PAD.l) / 2} y={H - 2}>λ</AxisTitle>
        <AxisTitle x={12} y={(H - PAD.b) / 2} vertical>W2</AxisTitle>
        {floor && floor.length > 0 && (
          <polyline fill="none" stroke={pal.muted} strokeWidth={1.5} strokeDasharray="5 4" points={floor.map((f) => `${px(f.lambda)},${py(f.w2)}`).join(' ')}>
            <title>{`noise floor (seed to seed): ${floor.map((f) => `λ = ${formatLambda(f.lambda)}: W2 ${formatValue(f.w2)}`).join('; ')}`}</title>
          </polyline>
        )}
        {series.map(({ m, pts }) => (
          <g key={m}>
            <polyline fill="none" stroke={methodColour(m)} strokeWidth={1.5} points={pts.map((c) => `${px(c.lambda)},${py(c.w2)}`).join(' ')} />
            {pts.map((c) => (
              <circle key={c.lambda} cx={px(c.lambda)} cy={py(c.w2)} r={3.5} fill={c.heldOut ? methodColour(m) : pal.background} stroke={methodColour(m)}>
                <title>{`${methodLabel(m)} at λ = ${formatLambda(c.lambda)}: W2 ${formatValue(c.w2)} (${c.heldOut ? 'held out' : 'training anchor'})`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {methods.map((m) => (
          <span key={m}>
            <span className="swatch" style={{ background: methodColour(m) }} /> {methodLabel(m)}
          </span>
        ))}
        {floor && floor.length > 0 && (
          <span>
            <span className="swatch" style={{ background: pal.muted }} /> noise floor (seed to seed, dashed)
          </span>
        )}
        <span>● held out · ○ training anchor</span>
      </figcaption>
    </figure>
  );
}

import { scaleLinear, scaleLog } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { useMemo } from 'react';
import { METHODS, type Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import type { EvalCell } from '../worker/eval-protocol';
import { Axis, AxisTitle } from './Axes';
import { formatValue, lambdaFormat } from './format';
import { trackScale } from './lambda-track';

const W = 520;
const H = 220;
const PAD = { l: 48, r: 12, t: 10, b: 36 };

// Tableau's ten plus two mid tones (readable on the light and the dark theme), so that each of the twelve methods has its own colour.
const PALETTE = [...schemeTableau10, '#6b6ecf', '#bcbd22'];
const methodColour = (m: Method) => PALETTE[METHODS.indexOf(m) % PALETTE.length];

/** Which distance the curve plots: W2 (the evaluation panel), or MSE where the task is compared by it (the demo's quantile regressor). */
export type CurveMeasure = 'w2' | 'mse';

/**
 * A distance over λ per method: filled dots where λ was held out from that method's training, joined
 * by a line; hollow, unjoined dots where it was a training anchor (in-sample: the surrogate gives
 * its anchors back, so these sit near 0 and say nothing about λ between anchors). At each λ the
 * held-out score is preferred where a split held it out. `floor`, where given, is drawn dashed: the
 * spread between real networks from different seeds, in the same measure. Log-spaced anchors get a
 * log λ axis, as the slider's track (lambda-track.ts).
 */
export function EvalCurve({ cells, range, anchors, floor, measure = 'w2' }: { cells: EvalCell[]; range: [number, number]; anchors: number[]; floor?: { lambda: number; value: number }[]; measure?: CurveMeasure }) {
  const pal = useStore(paletteOf);
  const name = measure === 'mse' ? 'MSE' : 'W2';
  const scoreOf = (c: EvalCell) => (measure === 'mse' ? c.mse : c.w2) ?? Number.NaN;
  const methods = [...new Set(cells.map((c) => c.method))];
  const series = methods.map((m) => {
    const byLambda = new Map<number, EvalCell>();
    for (const c of cells.filter((x) => x.method === m && Number.isFinite(scoreOf(x)))) {
      const prev = byLambda.get(c.lambda);
      if (!prev || (c.heldOut && !prev.heldOut)) byLambda.set(c.lambda, c);
    }
    return { m, pts: [...byLambda.values()].sort((a, b) => a.lambda - b.lambda) };
  });
  const inSample = series.some(({ pts }) => pts.some((c) => !c.heldOut));
  const [lo, hi] = range;
  const logAxis = trackScale(anchors).kind === 'log';
  const px = useMemo(() => {
    const domain = [lo, hi === lo ? lo + 1 : hi];
    return (logAxis ? scaleLog() : scaleLinear()).domain(domain).range([PAD.l, W - PAD.r]);
  }, [lo, hi, logAxis]);
  const ymax = Math.max(1e-9, ...cells.map(scoreOf).filter(Number.isFinite), ...(floor ?? []).map((f) => f.value).filter(Number.isFinite));
  const py = useMemo(() => scaleLinear().domain([0, ymax]).nice(4).range([H - PAD.b, PAD.t]), [ymax]);
  // The λ axis ticks at the anchors (held out or not), labelled to the slider's resolution.
  const anchorKey = anchors.join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: anchorKey stands for the anchors' values
  const anchorTicks = useMemo(() => anchors, [anchorKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: anchorKey stands for the anchors' values
  const formatLambda = useMemo(() => lambdaFormat(hi - lo, anchors), [lo, hi, anchorKey]);
  return (
    <figure className="eval-curve">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${name} over λ per method`} data-testid="eval-curve" fill={pal.foreground}>
        <Axis orient="bottom" scale={px} at={H - PAD.b} tickValues={anchorTicks} tickFormat={formatLambda} />
        <Axis orient="left" scale={py} at={PAD.l} ticks={4} />
        <AxisTitle x={(W + PAD.l) / 2} y={H - 2}>λ</AxisTitle>
        <AxisTitle x={12} y={(H - PAD.b) / 2} vertical>
          {name}
        </AxisTitle>
        {floor && floor.length > 0 && (
          <polyline fill="none" stroke={pal.muted} strokeWidth={1.5} strokeDasharray="5 4" points={floor.map((f) => `${px(f.lambda)},${py(f.value)}`).join(' ')}>
            <title>{`noise floor (seed to seed): ${floor.map((f) => `λ = ${formatLambda(f.lambda)}: ${name} ${formatValue(f.value)}`).join('; ')}`}</title>
          </polyline>
        )}
        {series.map(({ m, pts }) => (
          <g key={m}>
            <polyline
              fill="none"
              stroke={methodColour(m)}
              strokeWidth={1.5}
              points={pts
                .filter((c) => c.heldOut)
                .map((c) => `${px(c.lambda)},${py(scoreOf(c))}`)
                .join(' ')}
            />
            {pts.map((c) => (
              <circle key={c.lambda} cx={px(c.lambda)} cy={py(scoreOf(c))} r={3.5} fill={c.heldOut ? methodColour(m) : pal.background} stroke={methodColour(m)}>
                <title>{`${methodLabel(m)} at λ = ${formatLambda(c.lambda)}: ${name} ${formatValue(scoreOf(c))} (${c.heldOut ? 'held out' : 'training anchor'})`}</title>
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
        {inSample ? <span>● held out (joined) · ○ training anchor (in-sample)</span> : <span>● held out</span>}
      </figcaption>
    </figure>
  );
}

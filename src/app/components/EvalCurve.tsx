import { schemeTableau10 } from 'd3-scale-chromatic';
import { METHODS, type Method } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import type { EvalCell } from '../worker/eval-protocol';

const W = 520;
const H = 220;
const PAD = { l: 48, r: 12, t: 10, b: 30 };

// Tableau's ten plus two dark tones, so that each of the twelve methods has its own colour.
const PALETTE = [...schemeTableau10, '#3b3b3b', '#8a6d00'];
const methodColour = (m: Method) => PALETTE[METHODS.indexOf(m) % PALETTE.length];

/**
 * W2 over λ per method: filled dots where λ was held out from that method's
 * training, hollow where it was a training anchor (in-sample). At each λ the
 * held-out score is preferred where a split held it out.
 */
export function EvalCurve({ cells, range, anchors }: { cells: EvalCell[]; range: [number, number]; anchors: number[] }) {
  const methods = [...new Set(cells.map((c) => c.method))];
  const series = methods.map((m) => {
    const byLambda = new Map<number, EvalCell>();
    for (const c of cells.filter((x) => x.method === m)) {
      const prev = byLambda.get(c.lambda);
      if (!prev || (c.heldOut && !prev.heldOut)) byLambda.set(c.lambda, c);
    }
    return { m, pts: [...byLambda.values()].sort((a, b) => a.lambda - b.lambda) };
  });
  const ymax = Math.max(1e-9, ...cells.map((c) => c.w2)) * 1.08;
  const px = (l: number) => PAD.l + ((l - range[0]) / (range[1] - range[0] || 1)) * (W - PAD.l - PAD.r);
  const py = (v: number) => H - PAD.b - (v / ymax) * (H - PAD.t - PAD.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * ymax);
  return (
    <figure className="eval-curve">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label="W2 over λ per method" data-testid="eval-curve">
        <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} stroke="#888" />
        <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} stroke="#888" />
        {ticks.map((t) => (
          <text key={t} x={PAD.l - 4} y={py(t) + 3} fontSize="10" textAnchor="end">
            {t.toPrecision(2)}
          </text>
        ))}
        {anchors.map((l) => (
          <text key={l} x={px(l)} y={H - PAD.b + 12} fontSize="10" textAnchor="middle">
            {l}
          </text>
        ))}
        <text x={(W + PAD.l) / 2} y={H - 4} fontSize="11" textAnchor="middle">
          λ
        </text>
        <text x={12} y={(H - PAD.b) / 2} fontSize="11" transform={`rotate(-90 12 ${(H - PAD.b) / 2})`} textAnchor="middle">
          W2
        </text>
        {series.map(({ m, pts }) => (
          <g key={m}>
            <polyline fill="none" stroke={methodColour(m)} strokeWidth={1.5} points={pts.map((c) => `${px(c.lambda)},${py(c.w2)}`).join(' ')} />
            {pts.map((c) => (
              <circle key={c.lambda} cx={px(c.lambda)} cy={py(c.w2)} r={3.5} fill={c.heldOut ? methodColour(m) : 'white'} stroke={methodColour(m)}>
                <title>{`${methodLabel(m)} at λ = ${c.lambda}: W2 ${c.w2.toFixed(4)} (${c.heldOut ? 'held out' : 'training anchor'})`}</title>
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
        <span>● held out · ○ training anchor</span>
      </figcaption>
    </figure>
  );
}

import { extent, scaleLinear, schemeTableau10 } from 'd3';
import type { AnchorSet } from '../core/data/types';

const W = 560;
const H = 420;
const PAD = 28;

/** Scatter of every anchor's samples (first two output dims), coloured by class, lighter for earlier λ. */
export function AnchorPlot({ data }: { data: AnchorSet }) {
  const D = data.dimY;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const a of data.anchors) {
    for (let i = 0; i < a.n; i++) {
      xs.push(a.y[i * D]);
      ys.push(D > 1 ? a.y[i * D + 1] : 0);
    }
  }
  const [x0, x1] = extent(xs) as [number, number];
  const [y0, y1] = extent(ys) as [number, number];
  const span = Math.max(x1 - x0, y1 - y0) / 2 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const sx = scaleLinear().domain([cx - span, cx + span]).range([PAD, W - PAD]);
  const sy = scaleLinear().domain([cy - span, cy + span]).range([H - PAD, PAD]);
  const K = data.anchors.length;
  return (
    <svg width={W} height={H} role="img" aria-label={`Anchor samples of ${data.source}`} data-testid="anchor-plot">
      {data.anchors.map((a, k) => (
        <g key={a.lambda} opacity={0.35 + (0.65 * (k + 1)) / K} data-lambda={a.lambda}>
          {Array.from({ length: a.n }, (_, i) => (
            <circle
              key={i}
              cx={sx(a.y[i * D])}
              cy={sy(D > 1 ? a.y[i * D + 1] : 0)}
              r={2.2}
              fill={schemeTableau10[(a.label?.[i] ?? 0) % 10]}
            />
          ))}
        </g>
      ))}
    </svg>
  );
}

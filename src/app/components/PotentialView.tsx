import { interpolateViridis } from 'd3-scale-chromatic';
import { useEffect, useRef } from 'react';
import { useStore } from '../store/store';
import { frameFor, VIEW_SIZE } from './frame';

/** The density potential U (≤ 0; 0 where the pooled anchor density peaks) as a heatmap, with its legend. */
export function PotentialView() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = useStore((s) => s.data);
  const fields = useStore((s) => s.potentialField);
  const U = fields?.potential ?? null;
  let lo = 0;
  let hi = 0;
  if (U) {
    lo = Infinity;
    hi = -Infinity;
    for (const v of U) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, VIEW_SIZE, VIEW_SIZE);
    if (!U || !fields || !data) return;
    const req = fields.request;
    const f = frameFor(data, req.dims);
    const cw = (f.px(req.x[1]) - f.px(req.x[0])) / (req.nx - 1);
    const ch = (f.py(req.y[0]) - f.py(req.y[1])) / (req.ny - 1);
    for (let ix = 0; ix < req.nx; ix++) {
      for (let iy = 0; iy < req.ny; iy++) {
        const v = U[ix * req.ny + iy];
        ctx.fillStyle = interpolateViridis((v - lo) / (hi - lo || 1));
        const x = req.x[0] + ((req.x[1] - req.x[0]) * ix) / (req.nx - 1);
        const y = req.y[0] + ((req.y[1] - req.y[0]) * iy) / (req.ny - 1);
        ctx.fillRect(f.px(x) - cw / 2, f.py(y) - ch / 2, cw + 0.5, ch + 0.5);
      }
    }
  }, [U, fields, data, lo, hi]);
  return (
    <div className="potential-view">
      <canvas ref={canvas} width={VIEW_SIZE} height={VIEW_SIZE} data-testid="potential-view" role="img" aria-label="Density potential heatmap" />
      <svg width={VIEW_SIZE} height={34} viewBox={`0 0 ${VIEW_SIZE} 34`} aria-label="Potential legend" data-testid="potential-legend">
        <defs>
          <linearGradient id="u-legend">
            {Array.from({ length: 11 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the stops are a fixed scale
              <stop key={i} offset={`${i * 10}%`} stopColor={interpolateViridis(i / 10)} />
            ))}
          </linearGradient>
        </defs>
        {U ? (
          <>
            <rect x={10} y={4} width={VIEW_SIZE - 20} height={10} fill="url(#u-legend)" />
            <text x={10} y={28} fontSize={11}>U = {lo.toFixed(2)} (empty: costly)</text>
            <text x={VIEW_SIZE - 10} y={28} fontSize={11} textAnchor="end">{hi.toFixed(2)} (dense: cheap)</text>
          </>
        ) : (
          <text x={10} y={20} fontSize={12} fill="#667">This variant has no density potential.</text>
        )}
      </svg>
    </div>
  );
}

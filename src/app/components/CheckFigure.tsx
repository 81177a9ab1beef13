import { useMemo, type ReactNode } from 'react';
import { useStore } from '../store/store';
import type { ShownCheck } from '../store/demo';
import { paletteOf, type Palette } from '../theme';
import { Cloud, column, Curve, divergingColour, extent, FIGURE_H, Heatmap, PANEL_W, Panel, panelScales } from './check-panels';

interface Drawn {
  panels: ReactNode;
  legend: ReactNode;
}

const Swatch = ({ colour, children }: { colour: string; children: ReactNode }) => (
  <span>
    <span className="swatch" style={{ background: colour }} /> {children}
  </span>
);

/** Quantile curves: the real networks' curves over x, the surrogate's, and both on one axis. */
function curves(check: ShownCheck, pal: Palette): Drawn {
  const [truth, ...others] = check.real;
  const sur = check.surrogateOutput;
  const xr = extent(truth.output.c!);
  const yr = extent(sur.y, ...check.real.map((r) => r.output.y));
  const s = [0, 1, 2].map((i) => panelScales(i, xr, yr));
  const real = pal.loss.residual;
  return {
    panels: (
      <>
        <Panel i={0} title="Real network" {...s[0]}>
          {others.map((o) => (
            <Curve key={o.seed} out={o.output} {...s[0]} colour={real} width={1.2} opacity={0.45} />
          ))}
          <Curve out={truth.output} {...s[0]} colour={real} />
        </Panel>
        <Panel i={1} title="Surrogate" {...s[1]}>
          <Curve out={sur} {...s[1]} colour={pal.accent} />
        </Panel>
        <Panel i={2} title="Overlaid" {...s[2]}>
          <Curve out={truth.output} {...s[2]} colour={real} />
          <Curve out={sur} {...s[2]} colour={pal.accent} dash="5 3" />
        </Panel>
      </>
    ),
    legend: (
      <>
        <Swatch colour={real}>real network (seed {truth.seed}){others.length > 0 && '; faint: other seeds'}</Swatch>
        <Swatch colour={pal.accent}>surrogate (dashed when overlaid)</Swatch>
        <span>x: probe input c0 · y: predicted quantile y0</span>
      </>
    ),
  };
}

/** Classifier logits on the probe grid: two heatmaps on one colour scale, and surrogate against real per probe point. */
function logits(check: ShownCheck, pal: Palette): Drawn {
  const truth = check.real[0];
  const sur = check.surrogateOutput;
  const c = truth.output.c!;
  const gx = extent(column(c, 2, 0));
  const gy = extent(column(c, 2, 1));
  const [lo, hi] = extent(truth.output.y, sur.y);
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  const colour = (v: number) => divergingColour(v, m);
  const s0 = panelScales(0, gx, gy);
  const s1 = panelScales(1, gx, gy);
  const s2 = panelScales(2, [lo, hi], [lo, hi]);
  return {
    panels: (
      <>
        <Panel i={0} title="Real network" {...s0}>
          <Heatmap out={truth.output} {...s0} colour={colour} />
        </Panel>
        <Panel i={1} title="Surrogate" {...s1}>
          <Heatmap out={sur} {...s1} colour={colour} />
        </Panel>
        <Panel i={2} title="Surrogate against real" {...s2}>
          <line x1={s2.x(lo)} y1={s2.y(lo)} x2={s2.x(hi)} y2={s2.y(hi)} stroke={pal.grid} strokeDasharray="4 3" />
          <g fill={pal.accent} fillOpacity={0.8}>
            {Array.from(truth.output.y, (v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: i is the probe point, its identity
              <circle key={i} cx={s2.x(v).toFixed(1)} cy={s2.y(sur.y[i]).toFixed(1)} r={2.2} />
            ))}
          </g>
        </Panel>
      </>
    ),
    legend: (
      <>
        <Swatch colour={divergingColour(-m, m)}>logit −{m.toFixed(1)}</Swatch>
        <Swatch colour={divergingColour(0, m)}>0 (the boundary)</Swatch>
        <Swatch colour={divergingColour(m, m)}>+{m.toFixed(1)}</Swatch>
        <span>heatmaps over the probe grid (c0, c1) · right: one dot per probe point, real logit across, surrogate up; on the dashed line they agree</span>
      </>
    ),
  };
}

/** Generated clouds: the real network's samples, the surrogate's, and both. */
function clouds(check: ShownCheck, pal: Palette): Drawn {
  const truth = check.real[0];
  const sur = check.surrogateOutput;
  const xr = extent(column(truth.output.y, 2, 0), column(sur.y, 2, 0));
  const yr = extent(column(truth.output.y, 2, 1), column(sur.y, 2, 1));
  const s = [0, 1, 2].map((i) => panelScales(i, xr, yr));
  const real = pal.loss.residual;
  return {
    panels: (
      <>
        <Panel i={0} title="Real network" {...s[0]}>
          <Cloud out={truth.output} {...s[0]} colour={real} />
        </Panel>
        <Panel i={1} title="Surrogate" {...s[1]}>
          <Cloud out={sur} {...s[1]} colour={pal.accent} />
        </Panel>
        <Panel i={2} title="Overlaid" {...s[2]}>
          <Cloud out={truth.output} {...s[2]} colour={real} opacity={0.55} />
          <Cloud out={sur} {...s[2]} colour={pal.accent} opacity={0.55} />
        </Panel>
      </>
    ),
    legend: (
      <>
        <Swatch colour={real}>real network (seed {truth.seed}), {truth.output.n} samples</Swatch>
        <Swatch colour={pal.accent}>surrogate, from the first anchor's {sur.n} samples</Swatch>
        <span>axes: y0, y1</span>
      </>
    ),
  };
}

/**
 * The real network at λ beside the surrogate's prediction and both together, drawn as the output
 * calls for: curves over a 1-D input, heatmaps of a value on a 2-D probe grid, or clouds of 2-D samples.
 */
export function CheckFigure({ check }: { check: ShownCheck }) {
  const pal = useStore(paletteOf);
  const out = check.surrogateOutput;
  const cDim = out.c ? out.c.length / out.n : 0;
  const dimY = out.y.length / out.n;
  const drawn = useMemo(() => {
    if (dimY === 1 && cDim === 1) return curves(check, pal);
    if (dimY === 1 && cDim === 2) return logits(check, pal);
    return clouds(check, pal);
  }, [check, pal, dimY, cDim]);
  const width = 3 * PANEL_W;
  return (
    <figure className="check-figure">
      <svg width={width} height={FIGURE_H} viewBox={`0 0 ${width} ${FIGURE_H}`} role="img" aria-label="The real network and the surrogate at λ" data-testid="check-figure" fill={pal.foreground}>
        <rect width={width} height={FIGURE_H} fill={pal.background} />
        {drawn.panels}
      </svg>
      <figcaption className="legend">{drawn.legend}</figcaption>
    </figure>
  );
}

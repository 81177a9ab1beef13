import { axisBottom, axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import { useEffect, useRef, useState } from 'react';
import type { StepStats } from '../../core/clot/trainer-types';
import type { LossHistory } from '../store/loss-history';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import { AxisTitle } from './Axes';
import { formatSteps, formatValue } from './format';
import { latest, LOSS_LAYOUT, type LossKey, lossHeight, stepScale, valueScale } from './loss-scales';
import './plots.css';

const { width: W, left: LEFT, right: RIGHT, panel: PANEL } = LOSS_LAYOUT;
// Colours per theme: the palette's `loss` entry of the same key.
const SERIES: { key: LossKey; label: string }[] = [
  { key: 'dual', label: 'transport cost' },
  { key: 'residual', label: 'map residual' },
  { key: 'energy', label: 'path energy' },
];

const H = lossHeight(SERIES.length);

/**
 * Loss curves drawn on a canvas from a store subscription (training steps
 * never re-render React), under an SVG of d3 axes and each series' current
 * value, which the same subscription updates in place; hovering shows the
 * exact values at that step.
 */
export function LossChart() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<SVGSVGElement>(null);
  const pal = useStore(paletteOf);
  const [hover, setHover] = useState<StepStats | null>(null);
  const hoverX = useRef<number | null>(null);
  /** The step index marked by the pointer or the keys, or null. */
  const selected = useRef<number | null>(null);
  // No curve to hover before two steps (a loaded or pretrained model brings none): say so.
  const noCurves = useStore((s) => s.historyLength < 2);
  // A loaded or pretrained model arrives trained, without the curves of its training.
  const cameTrained = useStore((s) => s.historyLength === 0 && s.steps > 0);
  const drawRef = useRef<(h: LossHistory) => void>(() => {});

  useEffect(() => {
    const draw = (history: LossHistory) => {
      const ctx = canvas.current?.getContext('2d');
      if (!ctx || !overlay.current) return;
      ctx.clearRect(0, 0, W, H);
      const state = useStore.getState();
      const pal = paletteOf(state);
      const x = stepScale(history, state.settings.iterations);
      const svg = select(overlay.current);
      svg.select<SVGGElement>('.axis-steps').call(axisBottom(x).ticks(Math.min(5, x.domain()[1] - x.domain()[0])).tickFormat((v) => formatSteps(Number(v))));
      const [first, last] = x.domain();
      SERIES.forEach((s, r) => {
        const vals = history.series(s.key);
        const y = valueScale(vals, r);
        const now = latest(vals);
        svg.select(`[data-series="${s.key}"] .loss-value`).text(now === null ? '' : formatValue(now));
        // No values yet: no value axis rather than made-up ticks.
        svg
          .select<SVGGElement>(`[data-series="${s.key}"] .axis-left`)
          .attr('visibility', history.length ? null : 'hidden')
          .call(axisLeft(y).ticks(2).tickFormat((v) => formatValue(Number(v))));
        if (history.length < 2) return;
        ctx.strokeStyle = pal.loss[s.key];
        ctx.beginPath();
        vals.forEach((v, i) => {
          const px = x(first + ((last - first) * i) / (vals.length - 1));
          if (i === 0) ctx.moveTo(px, y(v));
          else ctx.lineTo(px, y(v));
        });
        ctx.stroke();
      });
      if (hoverX.current !== null) {
        ctx.strokeStyle = pal.grid;
        ctx.beginPath();
        ctx.moveTo(hoverX.current, 0);
        ctx.lineTo(hoverX.current, PANEL * SERIES.length);
        ctx.stroke();
      }
    };
    drawRef.current = draw;
    draw(useStore.getState().history);
    // At most one redraw per frame, however fast steps arrive.
    let frame = 0;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if ((s.history !== prev.history || s.historyLength !== prev.historyLength || s.theme !== prev.theme) && !frame) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          draw(useStore.getState().history);
        });
      }
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, []);

  /** Marks step index `idx` of the curves (clamped) and shows its values; the pointer and the arrow keys both go through here. */
  const mark = (idx: number) => {
    const history = useStore.getState().history;
    if (history.length < 2) return;
    const last = history.length - 1;
    const at = Math.min(last, Math.max(0, Math.round(idx)));
    selected.current = at;
    hoverX.current = LEFT + ((W - LEFT - RIGHT) * at) / last;
    setHover(history.at(at));
    drawRef.current(history);
  };
  const clear = () => {
    selected.current = null;
    hoverX.current = null;
    setHover(null);
    drawRef.current(useStore.getState().history);
  };

  const onMove = (e: React.MouseEvent) => {
    const last = useStore.getState().history.length - 1;
    const r = canvas.current!.getBoundingClientRect();
    // The canvas may be drawn smaller than W (narrow screens): read the pointer in canvas units.
    const x = ((e.clientX - r.left) * W) / r.width;
    mark(((x - LEFT) / (W - LEFT - RIGHT)) * last);
  };

  // The keyboard's way to the same values: ←/→ a step, Page Up/Down a tenth of the run, Home/End its ends.
  const onKey = (e: React.KeyboardEvent) => {
    const last = useStore.getState().history.length - 1;
    if (last < 1) return;
    const now = selected.current ?? last;
    const page = Math.max(1, Math.round(last / 10));
    const moves: Record<string, number> = { ArrowLeft: now - 1, ArrowRight: now + 1, PageDown: now - page, PageUp: now + page, Home: 0, End: last };
    if (!(e.key in moves)) return;
    e.preventDefault();
    mark(selected.current === null && e.key.startsWith('Arrow') ? last : moves[e.key]);
  };

  return (
    <div className="loss-chart">
      <div className="loss-figure">
        <canvas
          ref={canvas}
          width={W}
          height={H}
          data-testid="loss-chart"
          role="img"
          aria-label="Loss curves: transport cost, map residual, path energy"
          aria-describedby="loss-readout"
          tabIndex={0}
          onMouseMove={onMove}
          onMouseLeave={clear}
          onKeyDown={onKey}
          onBlur={clear}
        />
        <svg ref={overlay} width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden data-testid="loss-axes">
          {SERIES.map((s, r) => (
            <g key={s.key} data-series={s.key}>
              <text x={LEFT} y={r * PANEL + 11} fontSize={11} fill={pal.loss[s.key]}>
                {s.label}
              </text>
              <text className="loss-value" data-testid={`loss-value-${s.key}`} x={W - RIGHT} y={r * PANEL + 11} fontSize={11} textAnchor="end" fill="currentColor" />
              <g className="axis axis-left" transform={`translate(${LEFT},0)`} />
            </g>
          ))}
          <g className="axis axis-steps" transform={`translate(0,${PANEL * SERIES.length})`} />
          <AxisTitle x={(LEFT + W - RIGHT) / 2} y={H - 2}>step</AxisTitle>
        </svg>
      </div>
      <div className="loss-readout" id="loss-readout" data-testid="loss-readout" aria-live="off">
        {hover
          ? `step ${hover.step}: transport cost ${hover.dual.toFixed(4)}, residual ${hover.residual.toExponential(3)}, energy ${hover.energy.toFixed(4)}`
          : noCurves
            ? cameTrained
              ? 'no curves for the steps this model came with: they are drawn for the steps trained here'
              : 'no curves yet: they are drawn while the model trains'
            : 'hover the curves, or focus them and press ← →, for exact values'}
      </div>
    </div>
  );
}

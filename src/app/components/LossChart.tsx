import { useEffect, useRef, useState } from 'react';
import type { StepStats } from '../../core/clot/trainer-types';
import type { LossHistory } from '../store/loss-history';
import { useStore } from '../store/store';

const W = 360;
const PANEL = 58;
const SERIES: { key: 'dual' | 'residual' | 'energy'; label: string; colour: string }[] = [
  { key: 'dual', label: 'transport cost', colour: '#3b6fb6' },
  { key: 'residual', label: 'map residual', colour: '#d0604c' },
  { key: 'energy', label: 'path energy', colour: '#4f9a5a' },
];

/**
 * Loss curves drawn on a canvas from a store subscription (training steps
 * never re-render React); hovering shows the exact values at that step.
 */
export function LossChart() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<StepStats | null>(null);
  const hoverX = useRef<number | null>(null);
  const drawRef = useRef<(h: LossHistory) => void>(() => {});

  useEffect(() => {
    const draw = (history: LossHistory) => {
      const ctx = canvas.current?.getContext('2d');
      if (!ctx) return;
      ctx.clearRect(0, 0, W, PANEL * SERIES.length);
      ctx.font = '11px system-ui';
      SERIES.forEach((s, r) => {
        const top = r * PANEL;
        ctx.fillStyle = '#556';
        ctx.fillText(s.label, 4, top + 12);
        if (history.length < 2) return;
        const vals = history.series(s.key);
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of vals) {
          if (!Number.isFinite(v)) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        if (hi - lo < 1e-12) {
          hi += 1e-6;
          lo -= 1e-6;
        }
        ctx.strokeStyle = s.colour;
        ctx.beginPath();
        vals.forEach((v, i) => {
          const x = 4 + ((W - 8) * i) / (vals.length - 1);
          const y = top + PANEL - 4 - ((PANEL - 20) * (v - lo)) / (hi - lo);
          if (i === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        });
        ctx.stroke();
      });
      if (hoverX.current !== null) {
        ctx.strokeStyle = '#999';
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
      if ((s.history !== prev.history || s.historyLength !== prev.historyLength) && !frame) {
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

  const onMove = (e: React.MouseEvent) => {
    const history = useStore.getState().history;
    if (history.length < 2) return;
    const r = canvas.current!.getBoundingClientRect();
    // The canvas may be drawn smaller than W (narrow screens): read the pointer in canvas units.
    const x = ((e.clientX - r.left) * W) / r.width;
    const i = Math.round(((x - 4) / (W - 8)) * (history.length - 1));
    const idx = Math.min(history.length - 1, Math.max(0, i));
    hoverX.current = 4 + ((W - 8) * idx) / (history.length - 1);
    setHover(history.at(idx));
    drawRef.current(history);
  };

  return (
    <div className="loss-chart">
      <canvas
        ref={canvas}
        width={W}
        height={PANEL * SERIES.length}
        data-testid="loss-chart"
        role="img"
        aria-label="Loss curves: transport cost, map residual, path energy"
        onMouseMove={onMove}
        onMouseLeave={() => {
          hoverX.current = null;
          setHover(null);
          drawRef.current(useStore.getState().history);
        }}
      />
      <div className="loss-readout" data-testid="loss-readout" aria-live="off">
        {hover
          ? `step ${hover.step}: transport cost ${hover.dual.toFixed(4)}, residual ${hover.residual.toExponential(3)}, energy ${hover.energy.toFixed(4)}`
          : 'hover the curves for exact values'}
      </div>
    </div>
  );
}

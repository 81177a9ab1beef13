import { useEffect, useRef } from 'react';
import { evaluateSnapshot } from '../../core/clot/snapshot';
import { sampleTrack } from '../../core/surrogate/track';
import { useStore } from '../store/store';
import { reportDrawn } from '../testing/test-api';
import { colourer, frameFor, VIEW_SIZE } from './frame';

/**
 * Surrogate samples at the slider's λ over faint anchor samples, on a 2-D
 * canvas. Redraws through a store subscription (not React renders) and
 * records how long each slider update takes.
 */
export function OutputView() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const lambda = useStore((s) => s.settings.lambda);

  useEffect(() => {
    const draw = () => {
      const t0 = performance.now();
      const { data, snapshot, snapshotLabels, snapshotConds, hiddenClasses, dims, settings } = useStore.getState();
      const ctx = canvas.current?.getContext('2d');
      if (!ctx || !data) return;
      const f = frameFor(data, dims);
      ctx.clearRect(0, 0, VIEW_SIZE, VIEW_SIZE);
      const D = data.dimY;
      ctx.fillStyle = 'rgba(120,130,150,0.18)';
      for (const a of data.anchors) {
        for (let i = 0; i < a.n; i++) {
          if (a.label && hiddenClasses.includes(a.label[i])) continue;
          ctx.fillRect(f.px(a.y[i * D + dims[0]]) - 1, f.py(a.y[i * D + dims[1]]) - 1, 2, 2);
        }
      }
      const { overlayTrack } = useStore.getState();
      if (overlayTrack) {
        // A baseline's samples at λ as dark rings beside the surrogate's dots.
        const lamO = settings.lambda ?? overlayTrack.lambdas[0];
        const yo = sampleTrack(overlayTrack, lamO);
        ctx.strokeStyle = 'rgba(20,24,32,0.3)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i < yo.length / D; i++) {
          if (overlayTrack.labels && hiddenClasses.includes(overlayTrack.labels[i])) continue;
          const x = f.px(yo[i * D + dims[0]]);
          const yy = f.py(yo[i * D + dims[1]]);
          ctx.moveTo(x + 2, yy);
          ctx.arc(x, yy, 2, 0, 2 * Math.PI);
        }
        ctx.stroke();
        reportDrawn('overlay', { lambda: lamO, y: yo, method: overlayTrack.method });
      } else reportDrawn('overlay', null);
      if (!snapshot) {
        reportDrawn('outputs', null);
        return;
      }
      const lam = Math.min(Math.max(settings.lambda ?? snapshot.lambdas[0], snapshot.lambdas[0]), snapshot.lambdas[snapshot.lambdas.length - 1]);
      const y = evaluateSnapshot(snapshot, lam);
      const colour = colourer(data, snapshotLabels, snapshotConds);
      for (let i = 0; i < snapshot.n; i++) {
        if (snapshotLabels && hiddenClasses.includes(snapshotLabels[i])) continue;
        ctx.fillStyle = colour(i);
        ctx.fillRect(f.px(y[i * D + dims[0]]) - 1.5, f.py(y[i * D + dims[1]]) - 1.5, 3, 3);
      }
      const ms = performance.now() - t0;
      reportDrawn('outputs', { lambda: lam, y });
      useStore.getState().setView({ msPerUpdate: ms });
    };
    draw();
    return useStore.subscribe((s, prev) => {
      if (
        s.snapshot !== prev.snapshot ||
        s.settings.lambda !== prev.settings.lambda ||
        s.hiddenClasses !== prev.hiddenClasses ||
        s.dims !== prev.dims ||
        s.data !== prev.data ||
        s.overlayTrack !== prev.overlayTrack
      )
        draw();
    });
  }, []);

  return <canvas ref={canvas} width={VIEW_SIZE} height={VIEW_SIZE} data-testid="output-view" aria-label={`Surrogate outputs at λ = ${lambda ?? ''}`} role="img" />;
}

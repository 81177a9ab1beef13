import { evaluateSnapshot } from '../../core/clot/snapshot';
import { sampleTrack } from '../../core/surrogate/track';
import type { AppState } from '../store/store';
import type { DrawnSamples } from '../testing/test-api';
import { colourer, frameFor } from './frame';

/**
 * What the outputs view draws, in figure pixels: the faint anchor samples, a baseline's samples
 * at λ (rings), the surrogate's samples at λ with their colours. One computation for both the
 * canvas (OutputView) and the vector export (outputs-svg.ts), so they cannot disagree.
 */
export interface OutputMarks {
  /** Anchor samples as x, y pairs. */
  anchors: number[];
  /** The overlaid baseline's samples as x, y pairs, or null without an overlay. */
  rings: number[] | null;
  /** The surrogate's samples as x, y pairs (empty before a model exists), and each one's colour. */
  samples: number[];
  colours: string[];
  /** The rows drawn, in data units, for the test API. */
  drawn: DrawnSamples | null;
  overlayDrawn: (DrawnSamples & { method: string }) | null;
}

/** Half-widths of the marks in px, on the canvas (squares) and in the vector export (circles). */
export const MARK_RADIUS = { anchor: 1, ring: 2, sample: 1.5 } as const;

type MarkState = Pick<AppState, 'data' | 'snapshot' | 'snapshotLabels' | 'snapshotConds' | 'hiddenClasses' | 'dims' | 'settings' | 'overlayTrack'>;

/** The view's marks for the store state, or null without data. Classes hidden by the filter are left out. */
export function outputMarks(s: MarkState): OutputMarks | null {
  const { data, snapshot, snapshotLabels, snapshotConds, hiddenClasses, dims, settings, overlayTrack } = s;
  if (!data) return null;
  const f = frameFor(data, dims);
  const D = data.dimY;
  const [a, b] = dims;
  const hidden = (labels: Int32Array | null | undefined, i: number) => !!labels && hiddenClasses.includes(labels[i]);

  const anchors: number[] = [];
  for (const anchor of data.anchors) {
    for (let i = 0; i < anchor.n; i++) if (!hidden(anchor.label, i)) anchors.push(f.px(anchor.y[i * D + a]), f.py(anchor.y[i * D + b]));
  }

  let rings: number[] | null = null;
  let overlayDrawn: OutputMarks['overlayDrawn'] = null;
  if (overlayTrack) {
    const lambda = settings.lambda ?? overlayTrack.lambdas[0];
    const y = sampleTrack(overlayTrack, lambda);
    rings = [];
    for (let i = 0; i < y.length / D; i++) if (!hidden(overlayTrack.labels, i)) rings.push(f.px(y[i * D + a]), f.py(y[i * D + b]));
    overlayDrawn = { lambda, y, method: overlayTrack.method };
  }

  const samples: number[] = [];
  const colours: string[] = [];
  let drawn: DrawnSamples | null = null;
  if (snapshot) {
    const ls = snapshot.lambdas;
    const lambda = Math.min(Math.max(settings.lambda ?? ls[0], ls[0]), ls[ls.length - 1]);
    const y = evaluateSnapshot(snapshot, lambda);
    const colour = colourer(data, snapshotLabels, snapshotConds);
    for (let i = 0; i < snapshot.n; i++) {
      if (hidden(snapshotLabels, i)) continue;
      samples.push(f.px(y[i * D + a]), f.py(y[i * D + b]));
      colours.push(colour(i));
    }
    drawn = { lambda, y };
  }
  return { anchors, rings, samples, colours, drawn, overlayDrawn };
}

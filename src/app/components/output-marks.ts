import { evaluateSnapshot } from '../../core/clot/snapshot';
import { sampleTrack } from '../../core/surrogate/track';
import { shownPicture } from '../store/kept-picture';
import type { AppState } from '../store/store';
import type { DrawnSamples } from '../testing/test-api';
import type { AnchorSet } from '../../core/data/types';
import { colourer, type Frame, frameFor } from './frame';

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

type MarkState = Pick<AppState, 'data' | 'hiddenClasses' | 'dims' | 'settings' | 'overlayTrack' | 'keptPicture'> & Parameters<typeof shownPicture>[0];

/** Samples to draw from other rows than the live snapshot's (the comparison panel's): rows at λ with their labels or conditions. */
export interface SamplesLayer {
  lambda: number;
  /** Output rows (n × D, data units). */
  y: Float32Array;
  labels: Int32Array | null;
  conds: Float32Array | null;
}

type FrameState = Pick<AppState, 'data' | 'hiddenClasses' | 'dims'>;
type Hidden = (labels: Int32Array | null | undefined, i: number) => boolean;
const hiddenBy = (hiddenClasses: number[]): Hidden => (labels, i) => !!labels && hiddenClasses.includes(labels[i]);

/** The faint anchor samples, as x, y pairs. */
function anchorMarks(data: AnchorSet, f: Frame, hidden: Hidden): number[] {
  const anchors: number[] = [];
  for (const anchor of data.anchors) {
    for (let i = 0; i < anchor.n; i++) if (!hidden(anchor.label, i)) anchors.push(f.px(f.xOf(anchor.y, i, anchor.c, anchor.label?.[i])), f.py(f.yOf(anchor.y, i)));
  }
  return anchors;
}

/** Rows as coloured samples (class, or first condition on the ramp), hidden classes left out. */
function sampleMarks(data: AnchorSet, f: Frame, hidden: Hidden, layer: SamplesLayer): { samples: number[]; colours: string[] } {
  const D = data.dimY;
  const { y, labels, conds } = layer;
  const colour = colourer(data, labels, layer.conds);
  const samples: number[] = [];
  const colours: string[] = [];
  for (let i = 0; i < y.length / D; i++) {
    if (hidden(labels, i)) continue;
    samples.push(f.px(f.xOf(y, i, conds, labels?.[i])), f.py(f.yOf(y, i)));
    colours.push(colour(i));
  }
  return { samples, colours };
}

/** The view's marks for the store state (the shown picture: a kept one first), or null without data. Classes hidden by the filter are left out. */
export function outputMarks(s: MarkState): OutputMarks | null {
  const { data, hiddenClasses, dims, settings, overlayTrack } = s;
  const { snapshot, snapshotLabels, snapshotConds } = shownPicture(s);
  if (!data) return null;
  const f = frameFor(data, dims);
  const D = data.dimY;
  const hidden = hiddenBy(hiddenClasses);
  const anchors = anchorMarks(data, f, hidden);

  let rings: number[] | null = null;
  let overlayDrawn: OutputMarks['overlayDrawn'] = null;
  if (overlayTrack) {
    const lambda = settings.lambda ?? overlayTrack.lambdas[0];
    const y = sampleTrack(overlayTrack, lambda);
    rings = [];
    for (let i = 0; i < y.length / D; i++) if (!hidden(overlayTrack.labels, i)) rings.push(f.px(f.xOf(y, i, overlayTrack.conds, overlayTrack.labels?.[i])), f.py(f.yOf(y, i)));
    overlayDrawn = { lambda, y, method: overlayTrack.method };
  }

  let samples: number[] = [];
  let colours: string[] = [];
  let drawn: DrawnSamples | null = null;
  if (snapshot) {
    const ls = snapshot.lambdas;
    const lambda = Math.min(Math.max(settings.lambda ?? ls[0], ls[0]), ls[ls.length - 1]);
    const y = evaluateSnapshot(snapshot, lambda);
    ({ samples, colours } = sampleMarks(data, f, hidden, { lambda, y, labels: snapshotLabels, conds: snapshotConds }));
    drawn = { lambda, y };
  }
  return { anchors, rings, samples, colours, drawn, overlayDrawn };
}

/**
 * The same marks for other samples (the comparison panel: pinned outputs, a baseline), in the
 * live view's frame and class filter so the two read alike; only the anchors without a layer.
 */
export function layerMarks(s: FrameState, layer: SamplesLayer | null): OutputMarks | null {
  const { data, hiddenClasses, dims } = s;
  if (!data) return null;
  const f = frameFor(data, dims);
  const hidden = hiddenBy(hiddenClasses);
  const anchors = anchorMarks(data, f, hidden);
  if (!layer) return { anchors, rings: null, samples: [], colours: [], drawn: null, overlayDrawn: null };
  return { anchors, rings: null, ...sampleMarks(data, f, hidden, layer), drawn: { lambda: layer.lambda, y: layer.y }, overlayDrawn: null };
}

import { memo, useMemo } from 'react';
import { evaluateSnapshot, type SamplerSnapshot } from '../../core/clot/snapshot';
import { pathKind, pictureProgress, shownPicture } from '../store/kept-picture';
import { useStore } from '../store/store';
import { paletteOf } from '../theme';
import { classColour, frameFor } from './frame';
import { classKeys, KeyLegend } from './Legend';
import { paceNote } from '../pace-note';
import { widthNote } from '../width-note';
import { PlotFigure } from './PlotFigure';

const PATHS = 60;
const POINTS_PER_INTERVAL = 24;

/** Indices of up to PATHS samples, spread evenly over the classes. */
function pickSubset(n: number, labels: Int32Array | null): number[] {
  const step = Math.max(1, Math.floor(n / PATHS));
  if (!labels) return Array.from({ length: Math.min(n, PATHS) }, (_, i) => i * step);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    if (!byClass.has(l)) byClass.set(l, []);
    byClass.get(l)!.push(i);
  });
  const per = Math.max(1, Math.floor(PATHS / byClass.size));
  return [...byClass.values()].flatMap((idx) => idx.filter((_, j) => j % Math.max(1, Math.floor(idx.length / per)) === 0).slice(0, per));
}

/** Positions of the chosen samples along λ: one polyline per sample. */
function tracePaths(snap: SamplerSnapshot, subset: number[]): Float32Array[] {
  const D = snap.D;
  const lams: number[] = [];
  for (let k = 0; k + 1 < snap.lambdas.length; k++) {
    for (let j = 0; j < POINTS_PER_INTERVAL; j++) lams.push(snap.lambdas[k] + ((snap.lambdas[k + 1] - snap.lambdas[k]) * j) / POINTS_PER_INTERVAL);
  }
  lams.push(snap.lambdas[snap.lambdas.length - 1]);
  const traces = subset.map(() => new Float32Array(lams.length * D));
  const buf = new Float32Array(snap.n * D);
  lams.forEach((lam, t) => {
    evaluateSnapshot(snap, lam, buf);
    subset.forEach((i, s) => traces[s].set(buf.subarray(i * D, (i + 1) * D), t * D));
  });
  return traces;
}

/**
 * The learned paths of a subset of samples across every interval, with each
 * sample's position at λ marked; optionally the straight (Euclidean) paths
 * between the same pushed points for comparison.
 */
export function GeodesicView() {
  const data = useStore((s) => s.data);
  const snap = useStore((s) => shownPicture(s).snapshot);
  const labels = useStore((s) => shownPicture(s).snapshotLabels);
  const conds = useStore((s) => shownPicture(s).snapshotConds);
  const lambda = useStore((s) => s.settings.lambda);
  const dims = useStore((s) => s.dims);
  const hidden = useStore((s) => s.hiddenClasses);
  const showStraight = useStore((s) => s.showStraight);
  const pal = useStore(paletteOf);
  const subset = useMemo(() => (snap ? pickSubset(snap.n, labels) : []), [snap, labels]);
  const traces = useMemo(() => (snap ? tracePaths(snap, subset) : []), [snap, subset]);
  const now = useMemo(() => {
    if (!snap) return null;
    const lam = Math.min(Math.max(lambda ?? snap.lambdas[0], snap.lambdas[0]), snap.lambdas[snap.lambdas.length - 1]);
    return evaluateSnapshot(snap, lam);
  }, [snap, lambda]);
  if (!data) return null;
  const f = frameFor(data, dims);
  if (!snap) return <PlotFigure frame={f} legend={<GeodesicLegend />} data-testid="geodesic-view" label="Geodesics (no model yet)" />;
  const D = snap.D;
  const [a, b] = dims;
  // Across a one-output view (an input, a strip) each row keeps its own x; across two outputs x moves with the point.
  const rowX = f.across.kind !== 'output';
  const px = (pts: Float32Array, j: number, i: number) => f.px(rowX ? f.xOf(pts, i, conds, labels?.[i]) : f.xOf(pts, j)).toFixed(1);
  const classCount = data.condition.kind === 'class' ? data.condition.values.length : 0;
  const colour = (i: number) => (labels ? classColour(labels[i], classCount) : pal.accent);
  const visible = subset.map((i, s) => ({ i, s })).filter(({ i }) => !(labels && hidden.includes(labels[i])));
  return (
    <PlotFigure frame={f} legend={<GeodesicLegend />} data-testid="geodesic-view" label={`Learned paths of ${visible.length} samples`}>
      {showStraight &&
        visible.map(({ i }) => (
          <polyline
            key={`s${i}`}
            data-layer="straight"
            points={snap.chain.map((c) => `${rowX ? px(c, i, i) : f.px(c[i * D + a] * snap.yScale + snap.yMean[a])},${f.py(c[i * D + b] * snap.yScale + snap.yMean[b])}`).join(' ')}
            fill="none"
            stroke={pal.straightPath}
            strokeDasharray="3 3"
            strokeWidth={1}
          />
        ))}
      {visible.map(({ i, s }) => {
        const t = traces[s];
        const pts: string[] = [];
        for (let j = 0; j < t.length / D; j++) pts.push(`${px(t, j, i)},${f.py(f.yOf(t, j)).toFixed(1)}`);
        return <polyline key={i} data-layer="geodesic" points={pts.join(' ')} fill="none" stroke={colour(i)} strokeOpacity={0.55} strokeWidth={1.2} />;
      })}
      {now &&
        visible.map(({ i }) => (
          <circle key={`m${i}`} cx={px(now, i, i)} cy={f.py(f.yOf(now, i))} r={3} fill={colour(i)} stroke={pal.markerOutline} strokeWidth={0.8} />
        ))}
    </PlotFigure>
  );
}

/** The caption: what the view draws, which classes keep a pace of their own across anchors (pace-note.ts), and how widths run between anchors (width-note.ts). */
export function GeodesicCaption({ dimsNote }: { dimsNote: string }) {
  const condition = useStore((s) => s.data?.condition ?? null);
  const snap = useStore((s) => shownPicture(s).snapshot);
  const labels = useStore((s) => shownPicture(s).snapshotLabels);
  const note = snap && condition ? paceNote(snap, labels, condition) : null;
  const widths = snap && condition ? widthNote(snap, condition) : null;
  // Transport-spline paths are cubics through each sample's coupled anchors, not geodesics; with G = I and no potential nothing bends them.
  const paths = useStore(pathKind);
  // Learned paths of a model still training are only learned so far (none of this while a kept picture of another model is shown).
  const progress = useStore(pictureProgress);
  const sofar = useStore((s) => `step ${s.steps} of ${s.config?.iterations ?? 0}`);
  const learned = progress === 'untrained' ? "The untrained model's paths" : progress === 'partial' ? `Paths learned so far (${sofar})` : 'Learned paths';
  const what =
    paths === 'spline'
    ? "Transport-spline paths (a cubic through each sample's coupled anchors)"
    : paths === 'straight'
      ? "Straight paths (G = I and no potential: straight lines between each sample's coupled anchors)"
      : learned;
  return (
    <>
      {what} of a subset of samples; dots mark λ.{dimsNote}
      {note && <span data-testid="pace-note"> {note}</span>}
      {widths && <span data-testid="width-note"> {widths}</span>}
    </>
  );
}

/** The classes' colours, and the dashed straight paths when they are shown. Independent of λ. */
const GeodesicLegend = memo(function GeodesicLegend() {
  const data = useStore((s) => s.data);
  const hidden = useStore((s) => s.hiddenClasses);
  const showStraight = useStore((s) => s.showStraight);
  const straightColour = useStore((s) => paletteOf(s).straightPath);
  const keys = data?.condition.kind === 'class' ? classKeys(data.condition.values, hidden) : [];
  const straight = showStraight ? [{ label: 'straight path', colour: straightColour, mark: 'dash' as const }] : [];
  return <KeyLegend items={[...keys, ...straight]} testId="class-legend" />;
});

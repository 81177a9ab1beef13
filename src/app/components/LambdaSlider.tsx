import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { presetShown } from '../store/data-origin';
import { PRESETS } from '../../core/datasets/presets';
import { setLambda } from '../actions';
import { useStore } from '../store/store';
import { anchorValue, lambdaFormat } from './format';
import { placeLabels, type TrackScale, trackScale } from './lambda-track';

interface Props {
  min: number;
  max: number;
  value: number;
  anchors: number[];
  /** Name of λ in the data's own units, e.g. "dropout p". */
  unitName: string;
  onChange: (v: number) => void;
}

/**
 * Where a key moves λ: arrows by 1 % of the track (of the range on a linear track, of the decades on
 * a log one), landing exactly on an anchor when a step would cross one (snap); Page Up/Down to the
 * next or previous anchor; Home/End to the ends. Null for other keys.
 */
export function keyTarget(key: string, value: number, min: number, max: number, anchors: number[], scale: TrackScale = trackScale([min, max])): number | null {
  const span = max - min || 1;
  const eps = span * 1e-9;
  // A step that reaches an anchor within rounding (exp(log 0.01) is 0.00999…) lands on it.
  const up = (v: number) => anchors.find((a) => a > value + eps && a <= v + eps) ?? v;
  const down = (v: number) => [...anchors].reverse().find((a) => a < value - eps && a >= v - eps) ?? v;
  const u = scale.toFrac(value);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return up(scale.fromFrac(u + 0.01));
    case 'ArrowLeft':
    case 'ArrowDown':
      return down(scale.fromFrac(u - 0.01));
    case 'PageUp':
      return anchors.find((a) => a > value + eps) ?? max;
    case 'PageDown':
      return [...anchors].reverse().find((a) => a < value - eps) ?? min;
    case 'Home':
      return min;
    case 'End':
      return max;
    default:
      return null;
  }
}

/** The slider bound to the store: the only part of the page that re-renders as λ moves (views draw through subscriptions). */
export function LambdaControl() {
  const data = useStore((s) => s.data);
  const lambda = useStore((s) => s.settings.lambda);
  const preset = useStore((s) => s.settings.preset);
  const lambdas = useMemo(() => data?.anchors.map((a) => a.lambda) ?? [0, 1], [data]);
  const unit = useStore(presetShown) ? PRESETS[preset].lambdaName : 'λ';
  return (
    <LambdaSlider min={lambdas[0]} max={lambdas[lambdas.length - 1]} value={lambda ?? lambdas[0]} anchors={lambdas} unitName={unit} onChange={setLambda} />
  );
}

/** Rough px width of an anchor label: its text at 0.75 rem plus padding; 40 px at least on a touch screen (touch-targets.css). */
function labelWidth(text: string, coarse: boolean): number {
  return Math.max(7 * text.length + 12, coarse ? 40 : 22);
}

/** The track's width in px, kept up to date as the page resizes (0 before it is laid out). */
function useWidth(el: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const observer = new ResizeObserver(() => setWidth(node.getBoundingClientRect().width));
    observer.observe(node);
    setWidth(node.getBoundingClientRect().width);
    return () => observer.disconnect();
  }, [el]);
  return width;
}

/**
 * The hyperparameter slider: role "slider" named after the knob ("Hyperparameter t" on the
 * semicircles preset, "Hyperparameter λ" on uploaded data), arrow keys (1 % of the track, snapping
 * onto anchors), Page Up/Down (anchor to anchor), Home/End, pointer drag, the anchors marked on the
 * track with their values (click one to go there), and a play button that sweeps λ back and forth.
 * Log-spaced anchors get a log track (lambda-track.ts); a label that would overlap another is
 * hidden until focused (its tick and Page Up/Down stop stay, and the nearest label's title names it).
 */
function LambdaSlider({ min, max, value, anchors, unitName, onChange }: Props) {
  // λ as the pin button and the views' titles write it (1 % of the track; anchors exactly).
  const show = useMemo(() => lambdaFormat(max - min, anchors), [max, min, anchors]);
  const scale = useMemo(() => trackScale(anchors), [anchors]);
  const scaleNote = useId();
  const track = useRef<HTMLDivElement>(null);
  const width = useWidth(track);
  // In the store so that the keyboard shortcut can start and stop the sweep too.
  const playing = useStore((s) => s.sweeping);
  const span = max - min || 1;
  const frac = scale.toFrac(value);
  const labels = useMemo(() => {
    const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
    const fracs = anchors.map((a) => scale.toFrac(a));
    // Before the track is laid out, every label (the first layout measures it).
    return width > 0 ? placeLabels(fracs, width, (i) => labelWidth(anchorValue(anchors[i]), coarse)) : { shown: anchors.map(() => true), hiddenNear: anchors.map(() => []) };
  }, [anchors, scale, width]);

  const onKey = (e: KeyboardEvent) => {
    const target = keyTarget(e.key, value, min, max, anchors, scale);
    if (target !== null) {
      e.preventDefault();
      onChange(target);
    }
  };

  const fromPointer = (e: PointerEvent) => {
    const r = track.current!.getBoundingClientRect();
    onChange(scale.fromFrac((e.clientX - r.left) / r.width));
  };

  // Play: sweep back and forth along the whole track in about 6 s.
  const dir = useRef(1);
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const dt = (now - last) / 1000;
      last = now;
      let u = scale.toFrac(valueRef.current) + (dir.current * dt) / 6;
      if (u >= 1) {
        u = 1;
        dir.current = -1;
      }
      if (u <= 0) {
        u = 0;
        dir.current = 1;
      }
      onChange(scale.fromFrac(u));
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, scale, onChange]);

  return (
    <div className="lambda-slider" id="lambda-control" data-scale={scale.kind}>
      <button type="button" onClick={() => useStore.getState().setView({ sweeping: !playing })} aria-pressed={playing} aria-label={playing ? 'Stop sweeping λ' : 'Sweep λ'}>
        {playing ? '❚❚' : '▶'}
      </button>
      <div
        className="track"
        ref={track}
        onPointerDown={(e) => {
          (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
          fromPointer(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && fromPointer(e)}
      >
        {anchors.map((a) => (
          <span key={a} className="anchor-tick" style={{ left: `${scale.toFrac(a) * 100}%` }} title={`anchor ${unitName} = ${anchorValue(a)}`} />
        ))}
        {/* A label left out (too close to another) stays a button for keyboard and screen-reader users, shown only while focused. */}
        {anchors.map((a, i) => (
            <button
              key={`label${a}`}
              type="button"
              className={labels.shown[i] ? 'anchor-label' : 'anchor-label crowded'}
              style={{ left: `${scale.toFrac(a) * 100}%` }}
              onPointerDown={(e) => e.stopPropagation()}
              onClick={() => onChange(a)}
              aria-label={`Go to anchor ${unitName} = ${anchorValue(a)}`}
              title={labels.hiddenNear[i].length ? `Also anchors ${labels.hiddenNear[i].map((j) => anchorValue(anchors[j])).join(', ')} close by, too close to label: Page Up / Page Down on the slider stops at each` : undefined}
            >
              {anchorValue(a)}
            </button>
        ))}
        <div className="fill" style={{ width: `${frac * 100}%` }} />
        <div
          className="thumb"
          role="slider"
          tabIndex={0}
          aria-label={`Hyperparameter ${unitName}`}
          aria-valuemin={min}
          aria-valuemax={max}
          aria-valuenow={value}
          aria-valuetext={`${unitName} = ${show(value)}${anchors.some((a) => Math.abs(a - value) < span * 1e-9) ? ' (anchor)' : ''}`}
          aria-describedby={scale.kind === 'log' ? scaleNote : undefined}
          style={{ left: `${frac * 100}%` }}
          onKeyDown={onKey}
        />
      </div>
      <output className="lambda-value" aria-live="off">
        {/* λ, as every card and caption names it; under it what λ is for this dataset. */}
        λ = {show(value)}
        {unitName !== 'λ' && (
          <span className="lambda-name" data-testid="lambda-name">
            {unitName}
          </span>
        )}
        {scale.kind === 'log' && (
          <span className="track-scale" id={scaleNote} title="The anchors are spaced by factors, so the track is logarithmic: equal distances are equal ratios of λ">
            log scale
          </span>
        )}
      </output>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PRESETS } from '../../core/datasets/presets';
import { setLambda } from '../actions';
import { useStore } from '../store/store';
import { lambdaFormat } from './format';

interface Props {
  min: number;
  max: number;
  value: number;
  anchors: number[];
  /** Name of λ in the data's own units, e.g. "dropout p". */
  unitName: string;
  onChange: (v: number) => void;
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));

/**
 * Where a key moves λ: arrows by 1 % of the range, landing exactly on an anchor when a step
 * would cross one (snap); Page Up/Down to the next or previous anchor; Home/End to the ends.
 * Null for other keys.
 */
export function keyTarget(key: string, value: number, min: number, max: number, anchors: number[]): number | null {
  const span = max - min || 1;
  const eps = span * 1e-9;
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const up = (v: number) => anchors.find((a) => a > value + eps && a < v) ?? clamp(v);
  const down = (v: number) => [...anchors].reverse().find((a) => a < value - eps && a > v) ?? clamp(v);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return up(value + span / 100);
    case 'ArrowLeft':
    case 'ArrowDown':
      return down(value - span / 100);
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
  const unit = data && data.source === preset ? PRESETS[preset].lambdaName : 'λ';
  return (
    <LambdaSlider min={lambdas[0]} max={lambdas[lambdas.length - 1]} value={lambda ?? lambdas[0]} anchors={lambdas} unitName={unit} onChange={setLambda} />
  );
}

/**
 * The hyperparameter slider: role "slider" named "Hyperparameter λ", arrow
 * keys (1 % of the range, snapping onto anchors), Page Up/Down (anchor to
 * anchor), Home/End, pointer drag, the anchors marked on the track with their
 * values (click one to go there), and a play button that sweeps λ back and forth.
 */
function LambdaSlider({ min, max, value, anchors, unitName, onChange }: Props) {
  // λ as the pin button and the views' titles write it (1 % of the range; anchors exactly).
  const show = useMemo(() => lambdaFormat(max - min, anchors), [max, min, anchors]);
  const track = useRef<HTMLDivElement>(null);
  // In the store so that the keyboard shortcut can start and stop the sweep too.
  const playing = useStore((s) => s.sweeping);
  const span = max - min || 1;
  const clamp = useCallback((v: number) => Math.min(max, Math.max(min, v)), [min, max]);
  const frac = (value - min) / span;

  const onKey = (e: KeyboardEvent) => {
    const target = keyTarget(e.key, value, min, max, anchors);
    if (target !== null) {
      e.preventDefault();
      onChange(target);
    }
  };

  const fromPointer = (e: PointerEvent) => {
    const r = track.current!.getBoundingClientRect();
    onChange(clamp(min + ((e.clientX - r.left) / r.width) * span));
  };

  // Play: sweep back and forth over the whole range in about 6 s.
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
      let v = valueRef.current + dir.current * (span / 6) * dt;
      if (v >= max) {
        v = max;
        dir.current = -1;
      }
      if (v <= min) {
        v = min;
        dir.current = 1;
      }
      onChange(v);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, min, max, span, onChange]);

  return (
    <div className="lambda-slider" id="lambda-control">
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
          <span key={a} className="anchor-tick" style={{ left: `${((a - min) / span) * 100}%` }} title={`anchor ${unitName} = ${fmt(a)}`} />
        ))}
        {anchors.map((a) => (
          <button
            key={`label${a}`}
            type="button"
            className="anchor-label"
            style={{ left: `${((a - min) / span) * 100}%` }}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => onChange(a)}
            aria-label={`Go to anchor ${unitName} = ${fmt(a)}`}
          >
            {fmt(a)}
          </button>
        ))}
        <div className="fill" style={{ width: `${frac * 100}%` }} />
        <div
          className="thumb"
          role="slider"
          tabIndex={0}
          aria-label="Hyperparameter λ"
          aria-valuemin={min}
          aria-valuemax={max}
          aria-valuenow={value}
          aria-valuetext={`${unitName} = ${show(value)}${anchors.some((a) => Math.abs(a - value) < span * 1e-9) ? ' (anchor)' : ''}`}
          style={{ left: `${frac * 100}%` }}
          onKeyDown={onKey}
        />
      </div>
      <output className="lambda-value" aria-live="off">
        {unitName} = {show(value)}
      </output>
    </div>
  );
}

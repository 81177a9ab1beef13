import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

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
 * The hyperparameter slider: role "slider" named "Hyperparameter λ", arrow
 * keys (1 % of the range), Page Up/Down (10 %), Home/End, pointer drag, the
 * anchors marked on the track, and a play button that sweeps λ back and forth.
 */
export function LambdaSlider({ min, max, value, anchors, unitName, onChange }: Props) {
  const track = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const span = max - min || 1;
  const clamp = useCallback((v: number) => Math.min(max, Math.max(min, v)), [min, max]);
  const frac = (value - min) / span;

  const onKey = (e: KeyboardEvent) => {
    const small = span / 100;
    const big = span / 10;
    const next: Record<string, number> = {
      ArrowRight: value + small,
      ArrowUp: value + small,
      ArrowLeft: value - small,
      ArrowDown: value - small,
      PageUp: value + big,
      PageDown: value - big,
      Home: min,
      End: max,
    };
    if (e.key in next) {
      e.preventDefault();
      onChange(clamp(next[e.key]));
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
      if (v >= max) (v = max), (dir.current = -1);
      if (v <= min) (v = min), (dir.current = 1);
      onChange(v);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, min, max, span, onChange]);

  return (
    <div className="lambda-slider">
      <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} aria-label={playing ? 'Stop sweeping λ' : 'Sweep λ'}>
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
        <div className="fill" style={{ width: `${frac * 100}%` }} />
        <div
          className="thumb"
          role="slider"
          tabIndex={0}
          aria-label="Hyperparameter λ"
          aria-valuemin={min}
          aria-valuemax={max}
          aria-valuenow={value}
          aria-valuetext={`${unitName} = ${fmt(value)}${anchors.some((a) => Math.abs(a - value) < span * 1e-9) ? ' (anchor)' : ''}`}
          style={{ left: `${frac * 100}%` }}
          onKeyDown={onKey}
        />
      </div>
      <output className="lambda-value" aria-live="off">
        {unitName} = {fmt(value)}
      </output>
    </div>
  );
}

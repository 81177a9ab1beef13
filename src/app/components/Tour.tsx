import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useStore } from '../store/store';
import { keepLambda, TOUR_STEPS } from './tour-steps';
import './tour.css';

/** Below this width the box docks to the bottom of the screen instead of sitting beside its element. */
const DOCK_BELOW = 760;
const GAP = 10;

/**
 * Where the box goes: beside its element (right, else left, else below, else above), clamped
 * inside the viewport; on narrow screens docked to the bottom, with the element scrolled above it.
 */
function placement(target: DOMRect, box: DOMRect): CSSProperties {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  if (vw < DOCK_BELOW) return { left: GAP, right: GAP, bottom: GAP };
  const clampTop = (t: number) => Math.max(GAP, Math.min(t, vh - box.height - GAP));
  const clampLeft = (l: number) => Math.max(GAP, Math.min(l, vw - box.width - GAP));
  if (target.right + GAP + box.width <= vw - GAP) return { left: target.right + GAP, top: clampTop(target.top) };
  if (target.left - GAP - box.width >= GAP) return { left: target.left - GAP - box.width, top: clampTop(target.top) };
  if (target.bottom + GAP + box.height <= vh - GAP) return { left: clampLeft(target.left), top: target.bottom + GAP };
  return { left: clampLeft(target.left), top: clampTop(target.top - GAP - box.height) };
}

/**
 * A walk through the explorer that acts as it talks (moves λ, sweeps, shows the straight paths
 * and a baseline), highlighting each element with its text beside it. Escape closes it; focus
 * moves into it and back to the start button; what a step changed is put back afterwards.
 */
export function Tour() {
  const [step, setStep] = useState<number | null>(null);
  const [style, setStyle] = useState<CSSProperties>({ opacity: 0 }) // until placed; still focusable, unlike visibility: hidden;
  const box = useRef<HTMLElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setStep(null), []);
  // What the explorer shows now where the step's text would describe something else (an untrained model, no metric).
  const now = useStore((st) => (step === null ? null : (TOUR_STEPS[step].now?.(st) ?? null)));
  // The sweep leaves λ wherever it stopped: the tour puts back the user's λ (taken before its first step acts) when it closes.
  const restoreLambda = useRef<(() => void) | null>(null);
  const begin = () => {
    restoreLambda.current = keepLambda();
    setStep(0);
  };

  // Act, highlight and scroll for the current step; undo and unhighlight when it ends.
  useEffect(() => {
    if (step === null) return;
    const s = TOUR_STEPS[step];
    const el = document.getElementById(s.target);
    el?.classList.add('tour-focus');
    el?.scrollIntoView({ block: window.innerWidth < DOCK_BELOW ? 'start' : 'nearest' });
    const undo = s.act?.();
    return () => {
      el?.classList.remove('tour-focus');
      undo?.();
    };
  }, [step]);

  // Keep the box beside its element as the page scrolls or resizes, and when its "now" note comes or goes (its height changes).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `now` is not read here; it changes the box's size, so the box is placed again
  useLayoutEffect(() => {
    if (step === null) return;
    const place = () => {
      const el = document.getElementById(TOUR_STEPS[step].target);
      if (el && box.current) setStyle(placement(el.getBoundingClientRect(), box.current.getBoundingClientRect()));
    };
    place();
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [step, now]);

  const open = step !== null;
  useEffect(() => {
    if (!open) return;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      restoreLambda.current?.();
      startButton.current?.focus();
    };
  }, [open, close]);

  if (step === null) {
    return (
      <button type="button" ref={startButton} className="tour-start" onClick={begin}>
        Take the tour
      </button>
    );
  }
  const s = TOUR_STEPS[step];
  const last = step + 1 === TOUR_STEPS.length;
  return (
    <aside ref={box} className="tour" role="dialog" aria-modal="false" aria-label="Guided tour" tabIndex={-1} style={style} data-testid="tour">
      <strong>
        {step + 1}/{TOUR_STEPS.length} · {s.title}
      </strong>
      <p>{s.text}</p>
      {now && (
        <p className="tour-now" data-testid="tour-now">
          {now}
        </p>
      )}
      <div className="tour-buttons">
        <button type="button" onClick={() => setStep(step - 1)} disabled={step === 0}>
          Back
        </button>
        <button type="button" onClick={() => setStep(last ? null : step + 1)}>
          {last ? 'Done' : 'Next'}
        </button>
        <button type="button" onClick={close} aria-label="Close the tour (Escape)">
          Close
        </button>
      </div>
    </aside>
  );
}

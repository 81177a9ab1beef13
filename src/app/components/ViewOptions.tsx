import type { ClassLabel } from '../../core/data/types';
import { BASELINES, type BaselineMethod } from '../../core/sampling/types';
import { methodLabel } from '../../core/surrogate/methods';
import { refreshFields } from '../actions';
import { setOverlay } from '../evaluation-actions';
import { useStore } from '../store/store';
import { classColour } from './frame';

/** Beyond this many classes the list folds away (a phone's screen would be all checkboxes before the first plot). */
const FOLD_CLASSES = 8;

/** A checkbox per class, in its colour; folded into "Classes shown: n of K" beyond FOLD_CLASSES classes. */
function ClassList({ values, hidden, toggle }: { values: readonly ClassLabel[]; hidden: number[]; toggle: (k: number) => void }) {
  const boxes = values.map((v, k) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: k is the class index, its identity
    <label key={k}>
      <input type="checkbox" checked={!hidden.includes(k)} onChange={() => toggle(k)} />
      <span className="swatch" style={{ background: classColour(k, values.length) }} /> class {v}
    </label>
  ));
  if (values.length <= FOLD_CLASSES) {
    return (
      <fieldset>
        <legend>Classes shown</legend>
        {boxes}
      </fieldset>
    );
  }
  return (
    <details className="class-list">
      <summary>
        Classes shown: {values.length - hidden.length} of {values.length}
      </summary>
      <fieldset aria-label="Classes shown">{boxes}</fieldset>
    </details>
  );
}

/** Class filter, comparison layers (straight lines, a baseline's samples), shown dims (D > 2) and the class whose geometry is drawn. */
export function ViewOptions() {
  const data = useStore((s) => s.data);
  const hidden = useStore((s) => s.hiddenClasses);
  const toggle = useStore((s) => s.toggleClass);
  const showStraight = useStore((s) => s.showStraight);
  const dims = useStore((s) => s.dims);
  const fieldClass = useStore((s) => s.fieldClass);
  const setView = useStore((s) => s.setView);
  const overlay = useStore((s) => s.overlayMethod);
  const overlayStatus = useStore((s) => s.overlayStatus);
  const overlayError = useStore((s) => s.overlayError);
  const overlayProgress = useStore((s) => s.overlayProgress);
  const ringTone = useStore((s) => (s.theme === 'dark' ? 'light' : 'dark'));
  if (!data) return null;
  const cond = data.condition;
  return (
    <section className="view-options" aria-label="View options">
      {cond.kind === 'class' && (
        <ClassList values={cond.values} hidden={hidden} toggle={toggle} />
      )}
      <label>
        <input type="checkbox" checked={showStraight} onChange={(e) => setView({ showStraight: e.target.checked })} /> straight-line paths for comparison
      </label>
      <label>
        Overlay baseline
        <select aria-label="Overlay a baseline's samples" value={overlay ?? ''} onChange={(e) => setOverlay((e.target.value || null) as BaselineMethod | null)}>
          <option value="">none</option>
          {BASELINES.map((m) => (
            <option key={m} value={m}>
              {methodLabel(m)}
            </option>
          ))}
        </select>
        <span className="overlay-status" data-testid="overlay-status">
          {overlay && overlayStatus === 'building'
            ? `building…${overlayProgress !== null && overlayProgress > 0 ? ` ${Math.round(overlayProgress * 100)} %` : ''}`
            : overlay && overlayStatus === 'ready'
              ? `shown as ${ringTone} rings`
              : ''}
          {overlayError && <span className="error">{overlayError}</span>}
        </span>
      </label>
      {data.dimY > 2 && (
        <span className="dims">
          Shown dims:
          {[0, 1].map((j) => (
            <select
              key={j}
              aria-label={j === 0 ? 'Horizontal dim' : 'Vertical dim'}
              value={dims[j]}
              onChange={(e) => {
                const next: [number, number] = [...dims];
                next[j] = Number(e.target.value);
                setView({ dims: next });
                void refreshFields();
              }}
            >
              {Array.from({ length: data.dimY }, (_, d) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: d is the output dim
                <option key={d} value={d}>
                  y{d}
                </option>
              ))}
            </select>
          ))}
        </span>
      )}
      {cond.kind === 'class' && (
        <label>
          Geometry of class
          <select
            value={fieldClass}
            aria-label="Class whose metric and potential are shown"
            onChange={(e) => {
              setView({ fieldClass: Number(e.target.value) });
              void refreshFields();
            }}
          >
            {cond.values.map((v, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: k is the class index, its identity
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}

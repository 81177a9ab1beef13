import { togglePresentation } from '../presentation';
import { useStore } from '../store/store';
import './presentation.css';

/** The header's presentation-mode switch (also `f`; Escape leaves). */
export function PresentationToggle() {
  const on = useStore((s) => s.settings.present);
  return (
    <button type="button" className="presentation-toggle" aria-pressed={on} aria-keyshortcuts="f" title={on ? 'Leave presentation mode (Escape)' : 'Large type and views, fewer controls: for projecting'} onClick={togglePresentation}>
      <kbd>f</kbd> Presentation
    </button>
  );
}

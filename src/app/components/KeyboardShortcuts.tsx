import { useEffect, useRef } from 'react';
import { SHORTCUTS, shortcutFor } from '../shortcuts';
import { useStore } from '../store/store';
import './header-tools.css';

const close = () => useStore.getState().setView({ shortcutsOpen: false });

/**
 * Listens for the shortcuts on the whole page and shows their list: a "Keyboard shortcuts"
 * button and a modal dialog (also opened with `?`). A native <dialog> shown with showModal()
 * keeps focus inside it and closes on Escape; focus goes back where it was when it closes.
 */
export function KeyboardShortcuts() {
  const open = useStore((s) => s.shortcutsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  return (
    <>
      <button type="button" className="shortcuts-button" aria-keyshortcuts="?" onClick={() => useStore.getState().setView({ shortcutsOpen: true })}>
        <kbd>?</kbd> Keyboard shortcuts
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a backdrop click for the mouse; Escape (native to <dialog>) is the keyboard's way out */}
      <dialog
        ref={dialog}
        className="shortcuts-dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClose={() => {
          close();
          if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
        }}
        // A click on the backdrop lands on the dialog element itself.
        onClick={(e) => e.target === e.currentTarget && close()}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p className="why">They work anywhere on the page except while typing in a field.</p>
        <table className="shortcuts-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.key}>
                <td>
                  <kbd>{s.key}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="why">
          On the λ slider: arrows move 1 % (stopping on anchors), <kbd>Page Up</kbd>/<kbd>Page Down</kbd> jump between anchors, <kbd>Home</kbd>/<kbd>End</kbd> go to the ends.
        </p>
        <button type="button" onClick={close}>
          Close
        </button>
      </dialog>
    </>
  );
}

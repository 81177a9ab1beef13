import { useRef, useState, type ReactNode } from 'react';
import { EnlargeButton } from './EnlargeButton';
import { exportView } from './exportView';

/** A titled view with PNG/SVG export of the figure inside it (`exports`: more, e.g. a recording); `notes` (e.g. an untrained model) sit above the figure. */
export function ViewCard({ id, title, caption, notes, exports, children }: { id: string; title: string; caption?: ReactNode; notes?: ReactNode; exports?: ReactNode; children: ReactNode }) {
  const body = useRef<HTMLDivElement>(null);
  const [enlarged, setEnlarged] = useState(false);
  // A plot's whole figure (canvas, axes and legend; it comes first in document order), else a bare canvas or SVG.
  const figure = () => body.current?.querySelector('.plot-figure, canvas, svg') ?? null;
  return (
    // tabIndex -1: the "next view" shortcut focuses the card, Tab does not stop on it.
    <figure className={enlarged ? 'view-card enlarged' : 'view-card'} id={id} data-view={id} tabIndex={-1}>
      <header>
        <h2>{title}</h2>
        <EnlargeButton title={title} enlarged={enlarged} onToggle={() => setEnlarged(!enlarged)} />
        <span className="export">
          <button type="button" aria-label={`Export ${title} as PNG`} onClick={() => figure() && void exportView(figure()!, { id, title }, 'png')}>
            PNG
          </button>
          <button type="button" aria-label={`Export ${title} as SVG`} onClick={() => figure() && void exportView(figure()!, { id, title }, 'svg')}>
            SVG
          </button>
          {exports}
        </span>
      </header>
      {notes}
      <div ref={body} className="view-body">
        {children}
      </div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

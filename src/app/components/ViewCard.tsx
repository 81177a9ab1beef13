import { useRef, type ReactNode } from 'react';
import { exportView } from './exportView';

/** A titled view with PNG/SVG export of the figure inside it; `notes` (e.g. an untrained model) sit above the figure. */
export function ViewCard({ id, title, caption, notes, children }: { id: string; title: string; caption?: ReactNode; notes?: ReactNode; children: ReactNode }) {
  const body = useRef<HTMLDivElement>(null);
  const figure = () => body.current?.querySelector('canvas, svg') ?? null;
  return (
    <figure className="view-card" id={id} data-view={id}>
      <header>
        <h2>{title}</h2>
        <span className="export">
          <button type="button" aria-label={`Export ${title} as PNG`} onClick={() => figure() && void exportView(figure()!, id, 'png')}>
            PNG
          </button>
          <button type="button" aria-label={`Export ${title} as SVG`} onClick={() => figure() && void exportView(figure()!, id, 'svg')}>
            SVG
          </button>
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

import { useRef, type ReactNode } from 'react';
import { exportView } from './exportView';

/** A titled view with PNG/SVG export of the figure inside it. */
export function ViewCard({ id, title, caption, children }: { id: string; title: string; caption?: ReactNode; children: ReactNode }) {
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
      <div ref={body}>{children}</div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

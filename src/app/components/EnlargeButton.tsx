import type { MouseEvent } from 'react';
import './enlarge.css';

/**
 * A view card's "Enlarge" / "Shrink" switch: an enlarged card spans the whole row of views
 * (enlarge.css), and its figure grows with it up to the screen's height.
 */
export function EnlargeButton({ title, enlarged, onToggle }: { title: string; enlarged: boolean; onToggle: () => void }) {
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    const card = e.currentTarget.closest('.view-card');
    onToggle();
    // The grid reflows around the card: keep it in sight.
    requestAnimationFrame(() => card?.scrollIntoView({ block: 'nearest' }));
  };
  return (
    <button type="button" className="enlarge-button" aria-label={`${enlarged ? 'Shrink' : 'Enlarge'} ${title}`} title={enlarged ? 'Back to its place among the views' : 'Full width'} onClick={onClick}>
      {enlarged ? 'Shrink' : 'Enlarge'}
    </button>
  );
}

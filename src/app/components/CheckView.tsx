import { useEffect, useRef } from 'react';
import { anchorValue } from './format';
import { useDemo } from '../store/demo';
import { CheckDistances } from './CheckDistances';
import { CheckFigure } from './CheckFigure';
import { ViewCard } from './ViewCard';

/**
 * The last check at λ (demo mode) as a view: the real network and the surrogate side by side and
 * overlaid, the distances against baselines and the noise floor, and the times. Shown once a
 * check has run on the current dataset; scrolled into view when a new one arrives.
 */
export function CheckView() {
  const check = useDemo((s) => s.check);
  const task = useDemo((s) => s.tasks?.find((t) => t.id === s.check?.task));
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check) anchor.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [check]);
  if (!check || !task) return null;
  const lambda = anchorValue(check.lambda);
  return (
    <div ref={anchor} className="check-view">
      <ViewCard
        id="check"
        title={`Real network at λ = ${lambda}`}
        caption={`${task.title}: the network trained for real at ${task.lambdaName} = ${lambda} against the surrogate's prediction there, from the first anchor's rows. Distances are to the network trained with the anchors' own seed.`}
      >
        <CheckFigure check={check} />
        <CheckDistances check={check} task={task} />
      </ViewCard>
    </div>
  );
}

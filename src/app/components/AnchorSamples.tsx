import { memo, useMemo } from 'react';
import type { AnchorSet } from '../../core/data/types';
import type { Frame } from './frame';

/** At most this many dots: one SVG path stays light however large the upload. */
const MAX_DOTS = 6000;

/**
 * Every anchor's samples (of one class when `classIndex` ≥ 0 and the data has classes) as faint
 * dots in the text colour: the data under a view's field. One path, rebuilt only with the data.
 */
export const AnchorSamples = memo(function AnchorSamples({ data, frame, classIndex }: { data: AnchorSet; frame: Frame; classIndex: number }) {
  const d = useMemo(() => {
    const byClass = data.condition.kind === 'class' && classIndex >= 0;
    const total = data.anchors.reduce((n, anchor) => n + anchor.n, 0);
    const stride = Math.max(1, Math.ceil(total / MAX_DOTS));
    const parts: string[] = [];
    let seen = 0;
    for (const anchor of data.anchors) {
      for (let i = 0; i < anchor.n; i++, seen++) {
        if (seen % stride || (byClass && anchor.label?.[i] !== classIndex)) continue;
        parts.push(`M${frame.px(frame.xOf(anchor.y, i, anchor.c, anchor.label?.[i])).toFixed(1)} ${frame.py(frame.yOf(anchor.y, i)).toFixed(1)}h2v2h-2z`);
      }
    }
    return parts.join('');
  }, [data, frame, classIndex]);
  return <path className="anchor-samples" d={d} fill="currentColor" fillOpacity={0.5} data-layer="anchor-samples" />;
});

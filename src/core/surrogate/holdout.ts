import type { AnchorSet } from '../data/types';
import { HtiError } from '../errors';

/** Anchors that can be held out: every anchor strictly inside the range (the ends are needed, the surrogate does not extrapolate). */
export function interiorAnchors(data: AnchorSet): number[] {
  return data.anchors.slice(1, -1).map((a) => a.lambda);
}

/**
 * The train/test splits of a hold-out study: leave-one-anchor-out ('each',
 * one split per held-out anchor) or all chosen anchors held out at once
 * ('together'). Each split trains on the remaining anchors and scores on all
 * anchors of the data, so held-out and in-sample λ appear in one curve.
 */
export function holdOutSplits(data: AnchorSet, holdOut: number[], mode: 'each' | 'together'): { heldOut: number[]; train: AnchorSet }[] {
  const inner = interiorAnchors(data);
  if (holdOut.length === 0) throw new HtiError('choose at least one anchor to hold out');
  for (const l of holdOut) {
    if (!inner.includes(l)) throw new HtiError(`λ = ${l} cannot be held out: only anchors strictly between the first and the last (${inner.join(', ') || 'none here'}) can`);
  }
  const groups = mode === 'each' ? holdOut.map((l) => [l]) : [holdOut];
  return groups.map((held) => ({ heldOut: held, train: { ...data, anchors: data.anchors.filter((a) => !held.includes(a.lambda)) } }));
}

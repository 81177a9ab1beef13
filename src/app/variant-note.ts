import type { Variant } from '../core/config';
import { variantParts } from '../core/config';
import type { AutoResolved } from './worker/protocol';

/**
 * What the installed model of `variant` runs as, where a part its name promises is switched off
 * (by 'auto', from the data, or by a potential weight of 0 typed in): the full method (K_θ − U)
 * with its metric held at G = I and no potential is, in effect, straight lines or a transport
 * spline, and the variant's name alone would say otherwise. null where every part the variant
 * names is in force (or nothing is installed yet).
 */
export function variantRunsAs(variant: Variant, resolved: AutoResolved | null): string | null {
  if (!resolved) return null;
  const parts = variantParts(variant);
  const metricOff = parts.metric === 'learned' && resolved.metric?.learns === false;
  const potentialOff = parts.potential && resolved.alpha === 0;
  if (!metricOff && !potentialOff) return null;
  const said: string[] = [];
  if (parts.metric === 'learned') said.push(metricOff ? 'metric held at G = I' : 'learned metric');
  // alphaReason is set only where 'auto' chose the weight; a 0 typed in the box is the user's own.
  if (parts.potential) said.push(potentialOff ? `no potential (α ${resolved.alphaReason ? 'auto = 0' : '= 0, as set'})` : `potential α = ${resolved.alpha}`);
  const paths = resolved.metric?.spline
    ? '; paths follow a transport spline through the anchors'
    : metricOff && (potentialOff || !parts.potential)
      ? '; paths are straight lines'
      : '';
  return `Runs as: ${said.join(', ')}${paths}. The Metric and Potential cards say why.`;
}

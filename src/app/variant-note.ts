import type { Variant } from '../core/config';
import { variantParts } from '../core/config';
import type { AutoResolved } from './worker/protocol';

/**
 * What the installed model of `variant` runs as, where the data switched off a part its name
 * promises: the full method (K_θ − U) with its metric held at G = I and no potential is, in effect,
 * straight lines or a transport spline, and the variant's name alone would say otherwise. null
 * where every part the variant names is in force (or nothing is installed yet).
 */
export function variantRunsAs(variant: Variant, resolved: AutoResolved | null): string | null {
  if (!resolved) return null;
  const parts = variantParts(variant);
  const metricOff = parts.metric === 'learned' && resolved.metric?.learns === false;
  const potentialOff = parts.potential && resolved.alpha === 0;
  if (!metricOff && !potentialOff) return null;
  const said: string[] = [];
  if (parts.metric === 'learned') said.push(metricOff ? 'metric held at G = I' : 'learned metric');
  if (parts.potential) said.push(potentialOff ? 'no potential (α = 0)' : `potential α = ${resolved.alpha}`);
  const paths = resolved.metric?.spline
    ? '; paths follow a transport spline through the anchors'
    : metricOff && (potentialOff || !parts.potential) && parts.metric === 'learned'
      ? '; paths are straight lines'
      : '';
  return `Runs as: ${said.join(', ')}${paths}. 'auto' chose this from the data; the Metric and Potential cards say why.`;
}

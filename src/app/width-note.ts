import type { SamplerSnapshot } from '../core/clot/snapshot';
import { widthLawText } from '../core/clot/width-law-text';
import type { Condition } from '../core/data/types';
import { asSentence } from './components/format';

/**
 * Which groups' widths follow a law other than linear between anchors (SamplerSnapshot.widthProfile),
 * as a caption sentence; null where every width is left as the paths give it. A class's group is its
 * label (the snapshot groups rows by label), so classes are named.
 */
export function widthNote(snap: SamplerSnapshot, condition: Condition): string | null {
  const profile = snap.widthProfile;
  if (!profile) return null;
  const name = (g: number) => (condition.kind === 'class' ? `class ${condition.values[g]}` : `group ${g}`);
  const laws = Array.from(profile.powers, (power, g) => ({ name: name(g), power })).filter((l) => l.power !== 1);
  const text = widthLawText(condition.kind, laws, profile.powers.length);
  return text ? asSentence(text) : null;
}

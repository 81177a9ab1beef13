/** The width laws (width-profile.ts) in words, for the CLI's training summary and the app's geodesic caption. */

/** A law in a few words: "variance changing linearly". */
function lawWords(power: number): string {
  if (power === 0) return "width changing by a constant factor, the geometric mean of the anchors' widths";
  if (power === 2) return 'variance changing linearly';
  if (power === -2) return 'inverse variance changing linearly';
  return `the power mean of the anchors' widths with p = ${power}`;
}

/**
 * Which groups follow which law between anchors, one sentence: "between anchors class 1's width follows
 * the law its interior anchors show: inverse variance changing linearly; the other classes keep
 * the widths their paths give". `laws` names each group that follows one (a class's name; for a
 * continuous condition only their number is said), `groups` is how many groups there are in all.
 */
export function widthLawText(kind: 'none' | 'class' | 'continuous', laws: { name: string; power: number }[], groups: number): string {
  if (laws.length === 0) return '';
  if (kind === 'none') return `between anchors the samples' width follows the law the interior anchors show: ${lawWords(laws[0].power)}`;
  const others = laws.length < groups ? `; the other ${kind === 'class' ? 'classes' : 'condition values'} keep the widths their paths give` : '';
  if (kind === 'class' && laws.length === 1) return `between anchors ${laws[0].name}'s width follows the law its interior anchors show: ${lawWords(laws[0].power)}${others}`;
  const byPower = new Map<number, string[]>();
  for (const l of laws) byPower.set(l.power, [...(byPower.get(l.power) ?? []), l.name]);
  const parts = [...byPower].map(([power, names]) => {
    const who =
      kind === 'continuous'
        ? `${names.length} condition ${names.length === 1 ? 'value' : 'values'}`
        : names.length > 4
          ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`
          : names.length === 1
            ? names[0]
            : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `${who} (${lawWords(power)})`;
  });
  return `between anchors the widths of ${parts.join('; ')} follow the laws their interior anchors show${others}`;
}

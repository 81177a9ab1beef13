/** The width laws (width-profile.ts) in words, for the CLI's training summary and the app's geodesic caption. */

/** A law's mean in words: "the geometric mean of the widths at the anchors on either side …". */
function lawWords(power: number): string {
  if (power === 0) return 'the geometric mean of the widths at the anchors on either side (a constant factor for each equal step of the pace)';
  if (power === 2) return 'the root of the variance interpolated linearly between the anchors on either side';
  if (power === -2) return 'one over the root of the precision (1 / variance) interpolated linearly between the anchors on either side';
  return `the power mean (p = ${power}) of the widths at the anchors on either side`;
}

/**
 * The laws in words, for the CLI's training summary and the app's caption: which groups follow which
 * law between anchors. `laws` names each group that follows one (a class's name; for a continuous
 * condition only their number is said), `groups` is how many groups there are in all.
 */
export function widthLawText(kind: 'none' | 'class' | 'continuous', laws: { name: string; power: number }[], groups: number): string {
  if (laws.length === 0) return '';
  const tail = ', as the interior anchors show, rather than as the paths alone would give it';
  if (kind === 'none') return `between anchors the samples' width follows ${lawWords(laws[0].power)}${tail}`;
  const byPower = new Map<number, string[]>();
  for (const l of laws) byPower.set(l.power, [...(byPower.get(l.power) ?? []), l.name]);
  const parts = [...byPower].map(([power, names]) => {
    const who =
      kind === 'continuous'
        ? `${names.length} condition ${names.length === 1 ? "value's width follows" : "values' widths follow"}`
        : names.length === 1
          ? `${names[0]}'s width follows`
          : `the widths of ${names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`} follow`;
    return `${who} ${lawWords(power)}`;
  });
  const others = laws.length < groups ? `; the other ${kind === 'class' ? "classes' widths are" : "condition values' widths are"} left as the paths give them` : '';
  return `between anchors ${parts.join('; ')}${tail}${others}`;
}

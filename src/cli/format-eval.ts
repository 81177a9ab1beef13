import { meanOfDefined } from '../core/metrics/spread';
import type { EvalResult, EvalRow } from '../core/surrogate/evaluate';
import type { AnchorFidelity } from '../core/sampling/types';

/** A number with fixed digits; '' when absent, 'n/a' when undefined (NaN), 'inf' for Infinity. */
function fixed(x: number | undefined, digits = 4): string {
  if (x === undefined) return '';
  if (Number.isNaN(x)) return 'n/a';
  return Number.isFinite(x) ? x.toFixed(digits) : x > 0 ? 'inf' : '-inf';
}

/** Rows of cells as left-aligned columns, two spaces apart. */
function columns(lines: string[][]): string {
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines.map((l) => `${l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`).join('');
}

/** The eval table: one line per λ, then means over all and over held-out λ, then how it was measured. */
export function formatEval(result: EvalResult, method: string): string {
  const first = result.rows[0];
  const perClass = result.grouping.startsWith('per class');
  const hasMse = result.rows.some((r) => r.mse !== undefined);
  const truthKeys = Object.keys(first.truth ?? {});
  const header = ['lambda', 'kind', 'n', 'W2', 'W2^2', ...(hasMse ? ['MSE'] : []), ...truthKeys, ...(perClass ? first.groups.map((g) => `W2[${g.key}]`) : []), 'spread-ratio'];
  const lines = [header];
  for (const r of result.rows) {
    lines.push([
      String(r.lambda),
      r.anchor ? 'anchor' : 'held-out',
      String(r.n),
      fixed(r.w2),
      fixed(r.w2sq),
      ...(hasMse ? [fixed(r.mse)] : []),
      ...truthKeys.map((k) => fixed(r.truth?.[k])),
      ...(perClass ? r.groups.map((g) => fixed(Math.sqrt(g.w2sq))) : []),
      fixed(r.spreadRatio),
    ]);
  }
  let out = columns(lines);
  const mean = (rows: EvalRow[], pick: (r: EvalRow) => number | undefined) => rows.reduce((t, r) => t + (pick(r) ?? 0), 0) / rows.length;
  const summarise = (label: string, rows: EvalRow[]) => {
    const parts = [`W2 ${mean(rows, (r) => r.w2).toFixed(4)}`, `W2^2 ${mean(rows, (r) => r.w2sq).toFixed(4)}`];
    if (hasMse) parts.push(`MSE ${mean(rows, (r) => r.mse).toFixed(4)}`);
    for (const k of truthKeys) parts.push(`${k} ${mean(rows, (r) => r.truth?.[k]).toFixed(4)}`);
    parts.push(`spread ratio ${fixed(meanOfDefined(rows.map((r) => r.spreadRatio)))}`);
    out += `${label} (mean over ${rows.length} lambda ${rows.length === 1 ? 'value' : 'values'}): ${parts.join(', ')}\n`;
  };
  summarise('overall', result.rows);
  const heldOut = result.rows.filter((r) => !r.anchor);
  if (heldOut.length && heldOut.length < result.rows.length) summarise('held-out', heldOut);
  out += `method ${method}; W2 ${result.w2Method}, ${result.grouping}; samples started from ${result.start}\n`;
  if (result.skipped.length) out += `skipped (outside the anchor range): lambda = ${result.skipped.join(', ')}\n`;
  out += 'spread-ratio: spread of the samples / spread of the truth, per group (1 is right, near 0 collapsed)\n';
  return out;
}

/** The per-anchor fidelity table: how the surrogate reproduces its own training anchors, against the sampling floor. */
export function formatFidelity(rows: AnchorFidelity[], startRows: number): string {
  const lines = [['lambda', 'W2', 'floor', 'W2/floor', 'spread-ratio']];
  for (const r of rows) lines.push([String(r.lambda), fixed(r.w2), fixed(r.floor), fixed(r.ratio, 2), fixed(r.spreadRatio)]);
  const worst = Math.max(...rows.map((r) => r.ratio));
  return (
    `\ntraining anchors (samples from all ${startRows} rows of the first anchor against each anchor's own rows):\n` +
    columns(lines) +
    `max W2/floor over anchors: ${fixed(worst, 2)}\n` +
    'floor: W2 between two random halves of the anchor\'s rows (sampling noise); W2/floor about 1 or below is within it\n'
  );
}

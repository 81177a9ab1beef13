// The reasons 'auto' gives for the potential's weight (geometry/potential-weight.ts), apart from
// the rule itself so that checking a model file on the UI thread does not pull the rule in.

/** Why 'auto' kept or dropped the potential (PotentialWeightChoice.reason). */
export const POTENTIAL_REASONS = ['curve', 'holds-then-jumps', 'detour', 'steady', 'unmeasured'] as const;
export type PotentialReason = (typeof POTENTIAL_REASONS)[number];

export function isPotentialReason(x: unknown): x is PotentialReason {
  return (POTENTIAL_REASONS as readonly unknown[]).includes(x);
}

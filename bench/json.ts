// JSON for bench results that keeps non-finite numbers (a W2/floor ratio over a zero floor is Infinity),
// which plain JSON.stringify would turn into null and the tables would then read as 0.

export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), space);
}

/** Parses what toJson wrote; the caller names the shape it expects. */
export function fromJson<T>(text: string): T {
  const special: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };
  return JSON.parse(text, (_, x) => (typeof x === 'string' && x in special ? special[x] : x));
}

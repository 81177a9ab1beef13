import { HtiError } from '../core/errors';

/** Thrown for bad command-line usage (exit status 2). */
export class UsageError extends HtiError {}

export function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${flag} expects a number, got "${v}"`);
  return x;
}

export function int(flag: string, v: string | undefined, min = 0): number | undefined {
  const x = num(flag, v);
  if (x === undefined) return undefined;
  if (!Number.isInteger(x) || x < min) throw new UsageError(`--${flag} expects an integer ≥ ${min}, got "${v}"`);
  return x;
}

export function numList(flag: string, v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((s) => num(flag, s)!);
}

import { DEFAULT_CONFIG, VARIANTS, type Variant } from '../../core/config';
import { PRESET_IDS, type PresetId } from '../../core/datasets/presets';
import type { BackendChoice } from '../worker/protocol';

/**
 * The one schema of user-visible settings: each field's default, how it is
 * validated, and how it appears in the shareable URL. The store, the
 * controls and the URL sync all read it.
 */
export interface Settings {
  preset: PresetId;
  variant: Variant;
  seed: number;
  lambda: number | null;
  iterations: number;
  bandwidth: number;
  alpha: number;
  backend: BackendChoice;
}

interface Field<T> {
  key: string;
  default: T;
  parse(raw: string): T | null;
  format(v: T): string;
}

const int = (min: number, max: number) => (raw: string) => {
  const v = Number(raw);
  return Number.isInteger(v) && v >= min && v <= max ? v : null;
};
const num = (min: number, max: number) => (raw: string) => {
  const v = Number(raw);
  return raw.trim() !== '' && Number.isFinite(v) && v >= min && v <= max ? v : null;
};
const oneOf = <T extends string>(values: readonly T[]) => (raw: string) => ((values as readonly string[]).includes(raw) ? (raw as T) : null);

export const SETTINGS_SCHEMA: { [K in keyof Settings]: Field<Settings[K]> } = {
  preset: { key: 'preset', default: 'semicircles', parse: oneOf(PRESET_IDS), format: String },
  variant: { key: 'variant', default: DEFAULT_CONFIG.variant, parse: oneOf(VARIANTS), format: String },
  seed: { key: 'seed', default: DEFAULT_CONFIG.seed, parse: int(0, 2 ** 31 - 1), format: String },
  lambda: { key: 'lambda', default: null, parse: num(-1e12, 1e12), format: (v) => (v === null ? '' : String(Number(v.toPrecision(6)))) },
  iterations: { key: 'iters', default: DEFAULT_CONFIG.iterations, parse: int(1, 100000), format: String },
  bandwidth: { key: 'bw', default: DEFAULT_CONFIG.bandwidth, parse: num(1e-4, 100), format: String },
  alpha: { key: 'alpha', default: DEFAULT_CONFIG.alpha, parse: num(0, 100), format: String },
  backend: { key: 'backend', default: 'auto', parse: oneOf(['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const), format: String },
};

export function defaultSettings(): Settings {
  return Object.fromEntries(Object.entries(SETTINGS_SCHEMA).map(([k, f]) => [k, f.default])) as unknown as Settings;
}

/** Reads settings from a query string; invalid or missing values fall back to defaults. */
export function settingsFromQuery(query: string): Settings {
  const params = new URLSearchParams(query);
  const out = defaultSettings() as unknown as Record<string, unknown>;
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA) as [string, Field<unknown>][]) {
    const raw = params.get(field.key);
    if (raw === null) continue;
    const v = field.parse(raw);
    if (v !== null) out[name] = v;
  }
  return out as unknown as Settings;
}

/** The query string for settings, listing only what differs from the defaults (short, shareable links). */
export function settingsToQuery(s: Settings): string {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA) as [keyof Settings, Field<unknown>][]) {
    const v = s[name];
    if (v === null || v === field.default) continue;
    params.set(field.key, field.format(v));
  }
  return params.toString();
}

import { DEFAULT_CONFIG, VARIANTS, type ClotConfig, type Variant } from '../../core/config';
import { PRESET_IDS, type PresetId } from '../../core/datasets/presets';
import type { BackendChoice } from '../worker/protocol';

/**
 * The one schema of user-visible settings: each field's default, how it is
 * validated, how it appears in the shareable URL, which model setting it
 * sets and what changing it does. The store, the controls, the URL sync,
 * the model config (configFrom), its reverse on model load and the
 * pretrained-model match all read it: adding a setting is one row here.
 */
export interface Settings {
  preset: PresetId;
  variant: Variant;
  seed: number;
  lambda: number | null;
  iterations: number;
  /** A number, or 'auto': derived from the data (core/geometry/bandwidth.ts). */
  bandwidth: ClotConfig['bandwidth'];
  /** A number, or 'auto': 0.1 where the anchors trace curves or hold still and then jump, else 0 (core/geometry/potential-weight.ts). */
  alpha: ClotConfig['alpha'];
  backend: BackendChoice;
  /** Presentation mode: large type and views, fewer controls (for projecting in a lecture). */
  present: boolean;
}

/**
 * What changing a setting does: 'restart' starts a fresh (untrained) surrogate, 'live' reaches
 * the running model at once, 'view' changes only what is drawn, 'data' loads another dataset,
 * 'backend' moves the model to another tfjs backend.
 */
export type SettingEffect = 'restart' | 'live' | 'view' | 'data' | 'backend';

/** A parser of a setting's text (null: not a valid value), saying in words what it accepts where a person types it. */
type Parser<T> = ((raw: string) => T | null) & { rule?: string };

interface Field<T> {
  /** Its name in the shareable URL. */
  key: string;
  default: T;
  parse: Parser<T>;
  format(v: T): string;
  effect: SettingEffect;
  /** The model setting it sets, where it sets one. */
  config?: keyof ClotConfig;
  /** A number box in the controls: its label and a plain-words explanation (and, where an empty box means 'auto', so). */
  control?: { label: string; hint: string; auto?: boolean };
}

const words = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 6 });
const int = (min: number, max: number): Parser<number> =>
  Object.assign(
    (raw: string) => {
      const v = Number(raw);
      return raw.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
    },
    { rule: `a whole number from ${words(min)} to ${words(max)}` },
  );
const num = (min: number, max: number): Parser<number> =>
  Object.assign(
    (raw: string) => {
      const v = Number(raw);
      return raw.trim() !== '' && Number.isFinite(v) && v >= min && v <= max ? v : null;
    },
    { rule: `a number from ${words(min)} to ${words(max)}` },
  );
/** A number, or 'auto' for an empty box or the word itself. */
const numOrAuto = (min: number, max: number): Parser<number | 'auto'> =>
  Object.assign(
    (raw: string): number | 'auto' | null => {
      const t = raw.trim().toLowerCase();
      return t === '' || t === 'auto' ? 'auto' : num(min, max)(raw);
    },
    { rule: `a number from ${words(min)} to ${words(max)}, or empty for auto` },
  );
const oneOf = <T extends string>(values: readonly T[]): Parser<T> =>
  Object.assign((raw: string) => ((values as readonly string[]).includes(raw) ? (raw as T) : null), { rule: `one of ${values.join(', ')}` });

/** The most training steps a model may be given. */
export const MAX_ITERATIONS = 100000;

export const SETTINGS_SCHEMA: { [K in keyof Settings]: Field<Settings[K]> } = {
  preset: { key: 'preset', default: 'semicircles', parse: oneOf(PRESET_IDS), format: String, effect: 'data' },
  variant: { key: 'variant', default: DEFAULT_CONFIG.variant, parse: oneOf(VARIANTS), format: String, effect: 'restart', config: 'variant' },
  seed: {
    key: 'seed',
    default: DEFAULT_CONFIG.seed,
    parse: int(0, 2 ** 31 - 1),
    format: String,
    effect: 'restart',
    config: 'seed',
    control: { label: 'Seed', hint: 'Seeds the network weights and the couplings: the same seed trains the same model.' },
  },
  lambda: { key: 'lambda', default: null, parse: num(-1e12, 1e12), format: (v) => (v === null ? '' : String(Number(v.toPrecision(6)))), effect: 'view' },
  iterations: {
    key: 'iters',
    default: DEFAULT_CONFIG.iterations,
    parse: int(1, MAX_ITERATIONS),
    format: String,
    effect: 'live',
    config: 'iterations',
    control: { label: 'Iterations', hint: 'How many training steps Train runs in all; raising it lets a finished model train on.' },
  },
  bandwidth: {
    key: 'bw',
    default: DEFAULT_CONFIG.bandwidth,
    parse: numOrAuto(1e-4, 100),
    format: String,
    effect: 'restart',
    config: 'bandwidth',
    control: {
      label: 'Bandwidth h',
      hint: 'How far from the data the potential U reaches (standardised units): smaller keeps paths closer to the samples. Empty = auto: 0.07 × the typical class spread, at least 0.03 (unused where the model has no potential).',
      auto: true,
    },
  },
  alpha: {
    key: 'alpha',
    default: DEFAULT_CONFIG.alpha,
    parse: numOrAuto(0, 100),
    format: String,
    effect: 'restart',
    config: 'alpha',
    control: {
      label: 'Potential weight α',
      hint: 'How strongly paths are pulled towards where the anchors put mass (0 = not at all). Empty = auto: 0.1 where the anchors trace curves (straight lines cut them short) or hold still and then jump; 0 for clouds moving at a steady pace, which the potential would only draw together, for shapes turning in open space, where the data join the anchors only by a long detour, and where each input or class has too few outputs (under 10 per anchor) to show a route.',
      auto: true,
    },
  },
  backend: { key: 'backend', default: 'auto', parse: oneOf(['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const), format: String, effect: 'backend' },
  present: { key: 'present', default: false, parse: Object.assign((raw: string) => (raw === '1' ? true : raw === '0' ? false : null), { rule: '1 or 0' }), format: (v) => (v ? '1' : '0'), effect: 'view' },
};

type Entry = [keyof Settings, Field<unknown>];
const entries = () => Object.entries(SETTINGS_SCHEMA) as Entry[];

/** The model config the settings ask for. */
export function configFrom(s: Settings): Partial<ClotConfig> {
  return Object.fromEntries(entries().flatMap(([name, f]) => (f.config ? [[f.config, s[name]]] : []))) as Partial<ClotConfig>;
}

/** The settings a model's config stands for (a loaded model file, a pretrained model). */
export function settingsFromConfig(c: ClotConfig): Partial<Settings> {
  return Object.fromEntries(entries().flatMap(([name, f]) => (f.config ? [[name, c[f.config]]] : []))) as Partial<Settings>;
}

/** Whether a model with config `c` is what the settings would train (every setting that restarts training agrees). */
export function configMatches(c: ClotConfig, s: Settings): boolean {
  return entries().every(([name, f]) => !f.config || f.effect !== 'restart' || c[f.config] === s[name]);
}

/** The settings shown as number boxes in the controls, in schema order. */
export const NUMBER_CONTROLS = entries().flatMap(([name, f]) => (f.control ? [{ name: name as NumericSetting, ...f.control }] : []));
/** Settings whose value is a number (or 'auto', where an empty box asks for the value derived from the data). */
export type NumericSetting = { [K in keyof Settings]: Settings[K] extends number | 'auto' ? K : never }[keyof Settings];

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

/**
 * What a link asks for that settingsFromQuery cannot use, one line each: "seed=-1 is not a whole
 * number from 0 to 2,147,483,647 (using 0)". Empty where every setting it names is valid.
 */
export function queryProblems(query: string): string[] {
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  for (const [, field] of Object.entries(SETTINGS_SCHEMA) as [string, Field<unknown>][]) {
    const raw = params.get(field.key);
    if (raw === null || field.parse(raw) !== null) continue;
    const used = field.default === null ? 'a value from the data' : field.format(field.default);
    problems.push(`${field.key}=${raw} is not ${field.parse.rule ?? 'a valid value'} (using ${used})`);
  }
  return problems;
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

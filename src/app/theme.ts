/**
 * Light and dark colours for what CSS cannot reach: canvas drawings, SVG attributes and
 * exported images. The page's own colours are CSS custom properties in app.css; `background`
 * and `foreground` here match its --panel and --text so a view looks the same on screen and
 * exported. No DOM or store here: theme-sync.ts applies the choice, the store holds it.
 */
export type ThemeName = 'light' | 'dark';
/** What the user picks: 'system' follows prefers-color-scheme. */
export type ThemeChoice = 'system' | ThemeName;
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export interface Palette {
  /** Behind every view (the cards' colour) and under exported PNGs. */
  background: string;
  foreground: string;
  /** Secondary text in plots: empty-state messages, legend notes. */
  muted: string;
  /** Axes, grid lines and the loss chart's hover rule. */
  grid: string;
  /** The faint anchor samples behind the surrogate's. */
  anchorPoint: string;
  /** A baseline's samples drawn as rings beside the surrogate's dots. */
  overlayRing: string;
  /** Straight-line paths drawn for comparison with the geodesics. */
  straightPath: string;
  /** Outline that lifts a dot off the lines under it (the background colour). */
  markerOutline: string;
  /** Data without classes or conditions, and the metric ellipses. */
  accent: string;
  accentFill: string;
  loss: { dual: string; residual: string; energy: string };
}

export const PALETTES: Record<ThemeName, Palette> = {
  light: {
    background: '#ffffff',
    foreground: '#1d2330',
    muted: '#5a6272',
    grid: '#8f96a3',
    anchorPoint: 'rgba(120,130,150,0.18)',
    overlayRing: 'rgba(20,24,32,0.7)',
    straightPath: '#888888',
    markerOutline: '#ffffff',
    accent: '#3b6fb6',
    accentFill: 'rgba(59,111,182,0.25)',
    loss: { dual: '#3b6fb6', residual: '#d0604c', energy: '#4f9a5a' },
  },
  dark: {
    background: '#1a1f2b',
    foreground: '#e4e8f0',
    muted: '#a3abba',
    grid: '#6b7385',
    anchorPoint: 'rgba(175,185,205,0.2)',
    overlayRing: 'rgba(240,244,250,0.75)',
    straightPath: '#8d95a5',
    markerOutline: '#1a1f2b',
    accent: '#6d9de6',
    accentFill: 'rgba(109,157,230,0.25)',
    loss: { dual: '#6d9de6', residual: '#ec8a76', energy: '#7cc88a' },
  },
};

/** The theme in effect for a choice, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ThemeName {
  if (choice !== 'system') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return typeof v === 'string' && (THEME_CHOICES as readonly string[]).includes(v);
}

/** A store selector (`useStore(paletteOf)`, or `paletteOf(useStore.getState())` while drawing). */
export const paletteOf = (s: { theme: ThemeName }): Palette => PALETTES[s.theme];

import { create } from 'zustand';
import type { SamplerSnapshot } from '../../core/clot/snapshot';
import type { ModelFile } from '../../core/clot/model-file';
import type { ClotConfig } from '../../core/config';
import type { AnchorSet } from '../../core/data/types';
import { defaultSettings, type Settings } from '../settings/schema';
import { LossHistory } from './loss-history';
import type { AutoResolved, FieldResult, TrainProgress, TrainState } from '../worker/protocol';
import type { EvalCell } from '../worker/eval-protocol';
import type { SampleTrack } from '../../core/surrogate/track';
import type { AnchorFidelity, BaselineMethod } from '../../core/sampling/types';
import type { ThemeChoice, ThemeName } from '../theme';
import { type CompareSlice, createCompareSlice } from './compare';
import type { KeptPicture } from './kept-picture';

/**
 * One store built from slices. High-frequency telemetry (loss history,
 * progress) lives here too, but canvases read it through store.subscribe,
 * so a training step does not re-render React components.
 */
export interface SettingsSlice {
  settings: Settings;
  setSettings: (patch: Partial<Settings>) => void;
  /** What the opening link asked for that could not be used (a value out of range, an unknown name), and what was used instead; null once dismissed. */
  linkProblems: string[] | null;
}

export interface DataSlice {
  data: AnchorSet | null;
  /** Shown under the upload control; the current dataset stays when a file is rejected. */
  uploadError: string | null;
  setData: (data: AnchorSet) => void;
  setUploadError: (message: string | null) => void;
  /** The file of the model trained on this page that the last change of data replaced, kept so it can be brought back; null otherwise. */
  replaced: ModelFile | null;
}

export interface TrainingSlice {
  backend: { name: string; reason: string } | null;
  trainState: TrainState;
  trainMessage: string | null;
  config: ClotConfig | null;
  /** What the installed model's 'auto' settings resolved to (bandwidth, potential weight); null before a model. */
  modelResolved: AutoResolved | null;
  steps: number;
  progress: TrainProgress | null;
  /** Loss curves of the current run, appended in place; `historyLength` changes with every step. */
  history: LossHistory;
  historyLength: number;
  workerError: string | null;
  /** No model is installed because the last one asked for could not be built or loaded (or the worker crashed): Train and Step have nothing to run. */
  modelMissing: boolean;
  /**
   * Steps Train adds when the iteration budget is used up: the iteration count the current
   * model was created or loaded with (Train on a finished model raises Iterations by this).
   */
  budgetIncrement: number;
  /** The worker's anchor-fidelity measurement of the current weights, or null (untrained, training, not measured yet). */
  fidelity: AnchorFidelity[] | null;
}

export interface SurrogateSlice {
  snapshot: SamplerSnapshot | null;
  snapshotLabels: Int32Array | null;
  /** Continuous conditions of the snapshot's rows (for colouring), or null. */
  snapshotConds: Float32Array | null;
  snapshotStep: number;
  /** Coarse grid for the metric ellipses, fine grid for the potential heatmap. */
  metricField: FieldResult | null;
  /** Why the last metric and potential refresh failed (the views keep their previous grids), or null. */
  fieldsError: string | null;
  potentialField: FieldResult | null;
  /** The previous model's picture, drawn (labelled) until a new untrained model has one of its own (kept-picture.ts), or null. */
  keptPicture: KeptPicture | null;
}

export interface ViewSlice {
  /** Classes hidden by the filter (class indices). */
  hiddenClasses: number[];
  showStraight: boolean;
  /** Output dims shown when D > 2. */
  dims: [number, number];
  /** Milliseconds of the last slider update (sampling + drawing). */
  msPerUpdate: number | null;
  /** Class (or first-anchor row, for continuous conditions) whose metric and potential are shown. */
  fieldClass: number;
  /** The play button's back-and-forth sweep of λ is running. */
  sweeping: boolean;
  /** The keyboard-shortcuts help dialog is open. */
  shortcutsOpen: boolean;
  toggleClass: (k: number) => void;
  setView: (patch: Partial<Pick<ViewSlice, 'showStraight' | 'dims' | 'msPerUpdate' | 'fieldClass' | 'sweeping' | 'shortcutsOpen'>>) => void;
}

/** Colour theme: the user's choice and what it resolves to (theme-sync.ts keeps them in step with the system). */
export interface ThemeSlice {
  themeChoice: ThemeChoice;
  /** The theme in effect; canvases draw with PALETTES[theme] and redraw when it changes. */
  theme: ThemeName;
  setThemeChoice: (choice: ThemeChoice) => void;
}

/** Hold-out studies and the baseline overlay (run in the evaluation workers, never touching the user's model). */
export interface EvaluationSlice {
  /** 'stopped': a study that was running when the dataset changed (its rows were of the old data). */
  evalStatus: 'idle' | 'running' | 'done' | 'cancelled' | 'stopped' | 'failed';
  evalProgress: { label: string; done: number; total: number } | null;
  evalCells: EvalCell[];
  evalW2Method: string;
  evalError: string | null;
  overlayMethod: BaselineMethod | null;
  overlayTrack: SampleTrack | null;
  overlayStatus: 'idle' | 'building' | 'ready' | 'failed';
  /** The fraction of the overlay's training done while it builds, else null. */
  overlayProgress: number | null;
  overlayError: string | null;
}

export type AppState = SettingsSlice & DataSlice & TrainingSlice & SurrogateSlice & ViewSlice & EvaluationSlice & ThemeSlice & CompareSlice;

export const useStore = create<AppState>()((set, get, api) => ({
  ...createCompareSlice(set, get, api),
  settings: defaultSettings(),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),

  data: null,
  linkProblems: null,
  uploadError: null,
  replaced: null,
  setData: (data) => set((s) => ({ data, uploadError: null, evalCells: [], evalStatus: s.evalStatus === 'running' ? 'stopped' : 'idle', evalProgress: null, evalError: null, overlayTrack: null, hiddenClasses: [], fieldClass: 0, metricField: null, potentialField: null, snapshot: null, keptPicture: null, dims: [0, Math.min(1, data.dimY - 1)] })),
  setUploadError: (uploadError) => set({ uploadError }),

  backend: null,
  trainState: 'empty',
  trainMessage: null,
  config: null,
  modelResolved: null,
  steps: 0,
  progress: null,
  history: new LossHistory(),
  historyLength: 0,
  workerError: null,
  modelMissing: false,
  budgetIncrement: defaultSettings().iterations,
  fidelity: null,

  snapshot: null,
  snapshotLabels: null,
  snapshotConds: null,
  snapshotStep: 0,
  metricField: null,
  fieldsError: null,
  potentialField: null,
  keptPicture: null,

  hiddenClasses: [],
  showStraight: false,
  dims: [0, 1],
  msPerUpdate: null,
  fieldClass: 0,
  sweeping: false,
  shortcutsOpen: false,
  toggleClass: (k) => set((s) => ({ hiddenClasses: s.hiddenClasses.includes(k) ? s.hiddenClasses.filter((x) => x !== k) : [...s.hiddenClasses, k] })),
  setView: (patch) => set(patch),

  evalStatus: 'idle',
  evalProgress: null,
  evalCells: [],
  evalW2Method: '',
  evalError: null,
  overlayMethod: null,
  overlayTrack: null,
  overlayStatus: 'idle',
  overlayProgress: null,
  overlayError: null,

  themeChoice: 'system',
  theme: 'light',
  setThemeChoice: (themeChoice) => set({ themeChoice }),
}));

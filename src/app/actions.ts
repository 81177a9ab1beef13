import { readModelFile, type ModelFile } from '../core/clot/model-file';
import { ownDataName } from './store/data-origin';
import type { ClotConfig } from '../core/config';
import { MAX_SAMPLES_PER_ANCHOR, anchorsOverLimit, subsampleAnchors } from '../core/data/subsample';
import type { TensorLayout } from '../core/data/tensor';
import type { AnchorSet } from '../core/data/types';
import { HtiError, oneLine } from '../core/errors';
import { PRESET_IDS, PRESETS } from '../core/datasets/presets';
import { configFrom, configMatches, MAX_ITERATIONS, SETTINGS_SCHEMA, settingsFromConfig, settingsToQuery, type Settings } from './settings/schema';
import { acrossOf, fieldRange } from './components/frame';
import { pictureToKeep } from './store/kept-picture';
import { useStore } from './store/store';
import { useUpload, type UploadState } from './store/upload';
import { TrainingClient, workerMessage } from './worker/client';
import { ParseCancelled, parseInWorker, type ParseJob } from './worker/parse-client';
import type { FieldRequest } from './worker/protocol';

/**
 * What the controls do: the glue between the store, the training worker and
 * the URL. Components call these; none of them talks to the worker directly.
 */
let client: TrainingClient | null = null;
const get = () => useStore.getState();


/** The page's address for the current settings (what syncUrl writes, without its delay): the link to share. */
export function shareableLink(): string {
  const { settings } = get();
  // λ belongs to the data on show: with data that is not the preset's (an upload, the demo mode's networks), a link
  // opens the preset, where that λ could lie outside its anchors, so it is left out.
  const q = settingsToQuery(ownDataName(get()) !== null ? { ...settings, lambda: null } : settings);
  return `${location.origin}${location.pathname}${q ? `?${q}` : ''}`;
}

let urlTimer: ReturnType<typeof setTimeout> | null = null;
function syncUrl() {
  if (urlTimer) clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    history.replaceState(null, '', shareableLink());
  }, 250);
}

export function setLambda(lambda: number) {
  get().setSettings({ lambda });
  syncUrl();
}

function clampLambda(data: AnchorSet) {
  const l = data.anchors.map((a) => a.lambda);
  const cur = get().settings.lambda;
  if (cur === null || cur < l[0] || cur > l[l.length - 1]) {
    // Start between the first two anchors, where there is something to infer.
    get().setSettings({ lambda: (l[0] + l[1]) / 2 });
  }
}

/** Counts what replaced or trained the model: a pretrained model fetched before the latest of these is stale. */
let modelChanges = 0;

/**
 * A fresh, untrained surrogate of `data` under the current settings. `keep` (a restart setting
 * changed on the same data): the views keep drawing the trained model's picture, labelled, until
 * the new model has one (kept-picture.ts); otherwise any kept picture goes.
 */
function freshModel(data: AnchorSet, keep = false) {
  modelChanges++;
  useStore.setState({ budgetIncrement: get().settings.iterations, keptPicture: keep ? pictureToKeep(get()) : null });
  client!.setData(data, configFrom(get().settings), keep);
}

/** Whether the current model has trained on this page (Train or Step) since its data was shown or it was loaded. */
let trainedHere = false;

/**
 * Before other data or a model replaces one trained on this page, its file is kept (store.replaced)
 * so that the data panel can offer it back: switching datasets must not silently throw away
 * training the user never saved. A model that cannot be saved is not kept (the worker says why).
 */
async function keepReplacedModel(): Promise<void> {
  if (!trainedHere || get().steps === 0 || !client) return;
  trainedHere = false;
  try {
    useStore.setState({ replaced: await client.save() });
  } catch (e) {
    useStore.setState({ workerError: `could not keep the replaced model: ${workerMessage(e)}` });
  }
}

async function showDataset(data: AnchorSet) {
  await keepReplacedModel();
  // A link's notice is about what the link opened: other data replaces that.
  useStore.setState({ linkProblems: null });
  get().setData(data);
  clampLambda(data);
  freshModel(data);
  syncUrl();
}

/** Installs anchor data made on the page (the demo mode's networks) exactly as a loaded upload: a file still on its way in is dropped. */
export function showGeneratedDataset(data: AnchorSet) {
  cancelUpload();
  return showDataset(data);
}

/** Starts the worker, the backend and the first dataset (with its pretrained model where one ships). */
export async function start() {
  client = new TrainingClient();
  // New weights: refresh the geometry views (coalesced in refreshFields), outside React.
  useStore.subscribe((st, prev) => {
    if (st.snapshot && st.snapshot !== prev.snapshot) void refreshFields();
  });
  const s = get().settings;
  client.init(s.backend);
  const preset = PRESETS[s.preset];
  const data = preset.make(0);
  get().setData(data);
  const asked = get().settings.lambda;
  clampLambda(data);
  const used = get().settings.lambda;
  if (asked !== null && used !== asked) {
    const l = data.anchors.map((a) => a.lambda);
    useStore.setState((st) => ({ linkProblems: [...(st.linkProblems ?? []), `lambda=${asked} is outside the anchors' range [${l[0]}, ${l[l.length - 1]}] (using ${Number(used!.toPrecision(6))})`] }));
  }
  // The address bar shows what is in effect, not a link's values that could not be used.
  if (get().linkProblems) syncUrl();
  const changes = modelChanges;
  const pretrained = await fetchPretrained(s);
  if (changes !== modelChanges) return; // other data or a model came meanwhile
  if (pretrained) loadPretrained(pretrained);
  else freshModel(data);
}

/** Puts a shipped pretrained model (from fetchPretrained) in the worker. */
function loadPretrained(file: ModelFile) {
  modelChanges++;
  useStore.setState({ budgetIncrement: file.config.iterations, keptPicture: null });
  client!.loadModel(file);
}

/** The shipped model for the preset, if it matches the requested settings. */
async function fetchPretrained(s: Settings): Promise<ModelFile | null> {
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}pretrained/${s.preset}.json`);
    if (!res.ok) return null;
    const file = (await res.json()) as ModelFile;
    return configMatches(file.config, s) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Shows a built-in dataset: an untrained surrogate at once, replaced by the preset's shipped model
 * once that arrives, if it matches the settings and nothing has replaced the model meanwhile.
 */
export async function choosePreset(id: Settings['preset']) {
  cancelUpload();
  get().setSettings({ preset: id, lambda: null });
  syncUrl();
  await showDataset(PRESETS[id].make(0));
  const changes = modelChanges;
  const pretrained = await fetchPretrained(get().settings);
  if (pretrained && changes === modelChanges) loadPretrained(pretrained);
}

/**
 * A restart setting changed: where the settings are again those of the trained model whose picture
 * the views keep (a typo undone, a comparison switched back), that model comes back as it was;
 * otherwise a fresh surrogate, keeping the picture.
 */
async function restartOrRestore(data: AnchorSet) {
  const kept = get().keptPicture;
  if (kept && configMatches(kept.config, get().settings)) {
    modelChanges++;
    if (await client!.restorePrevious()) {
      // The step budget is a live setting: the restored model takes the current one.
      useStore.setState({ budgetIncrement: get().settings.iterations });
      return client!.updateConfig({ iterations: get().settings.iterations });
    }
  }
  freshModel(data, true);
}

/** Changes one setting and does what its schema row says (SETTINGS_SCHEMA's effect). */
export function changeSetting<K extends keyof Settings>(key: K, value: Settings[K]) {
  get().setSettings({ [key]: value } as Partial<Settings>);
  syncUrl();
  const field = SETTINGS_SCHEMA[key];
  switch (field.effect) {
    case 'backend':
      return client!.init(value as Settings['backend']);
    case 'live':
      return client!.updateConfig({ [field.config!]: value });
    case 'restart':
      return get().data ? restartOrRestore(get().data!) : undefined;
    case 'data':
      return choosePreset(value as Settings['preset']);
  }
}

/**
 * The iteration budget Train would raise a finished model to, or null when the model still has
 * steps left (Train just resumes) or the budget is at its maximum.
 */
export function extendedBudget(s: { steps: number; config: ClotConfig | null; settings: Settings; budgetIncrement: number }): number | null {
  const total = s.config?.iterations ?? s.settings.iterations;
  if (s.steps < total || s.steps >= MAX_ITERATIONS) return null;
  // From the steps done where Iterations was set below them (60 on a model trained 150 steps trains on to 300, not 210).
  return Math.min(MAX_ITERATIONS, s.steps + s.budgetIncrement);
}

/**
 * Train always trains: on a model whose iterations are all done (e.g. the pretrained one) it
 * first raises Iterations by the count the model started with, then continues from its weights.
 */
export function train() {
  const next = extendedBudget(get());
  if (next !== null) changeSetting('iterations', next);
  modelChanges++;
  trainedHere = true;
  client!.train();
}
export const pause = () => client!.pause();
/** One step; on a model whose budget is used up it first raises Iterations as Train does, so the count never runs past its total. */
export function step() {
  const next = extendedBudget(get());
  if (next !== null) changeSetting('iterations', next);
  modelChanges++;
  trainedHere = true;
  client!.step(1);
}
export function reset() {
  const data = get().data;
  if (data) freshModel(data);
}

let parsing: ParseJob | null = null;
const setUpload = (state: UploadState) => useUpload.setState(state, true);

/**
 * Reads an uploaded anchor file in the parsing worker, with progress. The current dataset and
 * model stay as they are while it parses, on a bad file (which only sets the inline error) and
 * on cancel; a file with more than MAX_SAMPLES_PER_ANCHOR samples at an anchor waits for
 * subsampleUpload or cancelUpload. A newer upload cancels an older one. True when the file was
 * read (loaded, or waiting for that choice).
 */
export async function uploadFile(file: File, layout?: TensorLayout): Promise<boolean> {
  cancelUpload();
  get().setUploadError(null);
  setUpload({ phase: 'parsing', file: file.name, progress: null });
  const job = parseInWorker(file, layout, (progress) => {
    if (parsing === job) setUpload({ phase: 'parsing', file: file.name, progress });
  });
  parsing = job;
  try {
    const data = await job.result;
    if (anchorsOverLimit(data).length > 0) setUpload({ phase: 'too-large', file: file.name, data });
    else {
      setUpload({ phase: 'idle' });
      await showDataset(data);
    }
    return true;
  } catch (e) {
    if (e instanceof ParseCancelled) return false;
    setUpload({ phase: 'idle' });
    get().setUploadError(workerMessage(e));
    return false;
  } finally {
    if (parsing === job) parsing = null;
  }
}

/** Stops a parse in progress, or drops a file waiting over the limit; the current dataset stays. */
export function cancelUpload() {
  parsing?.cancel();
  parsing = null;
  if (useUpload.getState().phase !== 'idle') setUpload({ phase: 'idle' });
}

/** Loads the waiting over-limit file as a seeded subsample of MAX_SAMPLES_PER_ANCHOR per anchor, stratified by class. */
export async function subsampleUpload() {
  const upload = useUpload.getState();
  if (upload.phase !== 'too-large') return;
  setUpload({ phase: 'idle' });
  const data = subsampleAnchors(upload.data, MAX_SAMPLES_PER_ANCHOR, 0);
  await showDataset({ ...data, source: `${data.source} (subsample)` });
}

export async function saveModel(): Promise<void> {
  let file: ModelFile;
  try {
    file = await client!.save();
  } catch (e) {
    useStore.setState({ workerError: `could not save the model: ${workerMessage(e)}` });
    return;
  }
  const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  // The data's name without its extension: hti-model-decay-150steps.json, not hti-model-decay.csv-150steps.json.
  a.download = `hti-model-${file.data.source.replace(/\.(csv|json|npy|pt|pth)$/i, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'data'}-${file.training.steps}steps.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Loads a model file; a bad file shows its error and changes nothing. */
export async function loadModelFile(file: File): Promise<boolean> {
  try {
    const text = await file.text();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new HtiError(`${file.name}: is not a model file (not valid JSON)`);
    }
    await installModelDoc(doc, file.name);
    return true;
  } catch (e) {
    get().setUploadError(oneLine(e));
    return false;
  }
}

/** Brings back the model the last change of data replaced (store.replaced); the one it replaces is kept in turn. */
export async function bringBackReplaced(): Promise<void> {
  const kept = get().replaced;
  if (!kept) return;
  useStore.setState({ replaced: null });
  try {
    await installModelDoc(kept, kept.data.source);
  } catch (e) {
    // Its file came from this page's own save, so this is not expected; say so rather than fail silently.
    get().setUploadError(`could not bring back the model trained on ${kept.data.source}: ${oneLine(e)}`);
    return;
  }
  // It was trained here and may be unsaved: changing data again keeps it again.
  trainedHere = true;
}

/** Validates a model document (throws before anything changes on a bad one), then shows its data and installs it. */
async function installModelDoc(doc: unknown, name: string): Promise<void> {
  // Validate here first so a bad file never reaches (and resets) the worker.
  const { config, data } = readModelFile(doc, name);
  cancelUpload();
  await keepReplacedModel();
  // The URL then describes what is shown: the model's settings, and its dataset where that is a
  // built-in preset (an uploaded dataset cannot travel in a link).
  const preset = PRESET_IDS.find((id) => id === data.source);
  get().setSettings({ ...settingsFromConfig(config), ...(preset ? { preset } : {}) });
  useStore.setState({ budgetIncrement: config.iterations, linkProblems: null });
  get().setData(data);
  clampLambda(get().data!);
  modelChanges++;
  client!.loadModel(doc as ModelFile);
  syncUrl();
}

let fieldsInFlight = false;
let fieldsWanted = false;
/**
 * Asks the worker for the metric grid (coarse: ellipses) and the potential grid (fine: a
 * heatmap) of the shown class, one of each. Bursts coalesce: while one refresh runs, later
 * requests collapse into one more for the latest state. A failed refresh is shown and never
 * blocks the next.
 */
export async function refreshFields() {
  fieldsWanted = true;
  if (fieldsInFlight) return;
  fieldsInFlight = true;
  try {
    while (fieldsWanted) {
      fieldsWanted = false;
      const { data, fieldClass, dims } = get();
      if (!client || !data) return;
      const across = acrossOf(data).kind;
      const base = { ...fieldRange(data, dims, fieldClass), dims, across: across === 'output' ? undefined : across, classIndex: data.condition.kind === 'none' ? -1 : fieldClass };
      const metric: FieldRequest = { ...base, nx: 13, ny: 13, only: 'metric' };
      const potential: FieldRequest = { ...base, nx: 64, ny: 64, only: 'potential' };
      try {
        const [m, p] = await Promise.all([client.fields(metric), client.fields(potential)]);
        useStore.setState({ metricField: m, potentialField: p, fieldsError: null });
      } catch (e) {
        useStore.setState({ fieldsError: `could not draw the metric and potential: ${workerMessage(e)}` });
      }
    }
  } finally {
    fieldsInFlight = false;
  }
}

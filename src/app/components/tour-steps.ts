import { setLambda } from '../actions';
import { setDemoOpen } from '../demo-actions';
import { setOverlay } from '../evaluation-actions';
import { useDemo } from '../store/demo';
import { variantParts } from '../../core/config';
import { pathKind, pictureProgress, shownPicture } from '../store/kept-picture';
import { type AppState, useStore } from '../store/store';

/** Puts back what a step changed when the tour moves on or closes. */
type Undo = () => void;

export interface TourStep {
  /** The element the step explains (an element id). */
  target: string;
  title: string;
  text: string;
  /** What the step does to the explorer while it talks about it. */
  act?: () => Undo | undefined;
  /**
   * A sentence on what the explorer shows now where it differs from what `text` describes (an
   * untrained model, a metric held at G = I, no potential), or null; read live while the step is open.
   */
  now?: (s: AppState) => string | null;
}

const get = useStore.getState;

/** λ a fraction of the way between the first two anchors (where nothing was observed). */
function between(fraction: number): number | null {
  const a = get().data?.anchors;
  return a && a.length > 1 ? a[0].lambda + fraction * (a[1].lambda - a[0].lambda) : null;
}

/** Puts λ back where it was now. */
export function keepLambda(): Undo {
  const before = get().settings.lambda;
  return () => (before === null ? get().setSettings({ lambda: null }) : setLambda(before));
}

function moveLambda(fraction: number): Undo | undefined {
  const lam = between(fraction);
  if (lam === null) return undefined;
  const undo = keepLambda();
  setLambda(lam);
  return undo;
}

function showStraight(): Undo {
  const before = get().showStraight;
  get().setView({ showStraight: true });
  return () => get().setView({ showStraight: before });
}

function sweep(): Undo {
  get().setView({ sweeping: true });
  return () => get().setView({ sweeping: false });
}

function overlayStraightLines(): Undo {
  const before = get().overlayMethod;
  if (before !== 'mccann') setOverlay('mccann');
  return () => before !== 'mccann' && setOverlay(before);
}

/** Opens "Train the networks yourself" (starting its worker); closes it again if it was closed. */
function openDemoMode(): Undo {
  const before = useDemo.getState().open;
  void setDemoOpen(true);
  return () => void setDemoOpen(before);
}

/** What a model that has not learned (or is not there) leaves out of a view, as the step's `now`; null where its picture is learned (a kept picture included). */
function untrainedNote(s: AppState, what: string): string | null {
  switch (pictureProgress(s)) {
    case 'missing':
      return `No model is installed now (the training status says why), so ${what} cannot be drawn.`;
    case 'loading':
      return `The model is still loading, so ${what} is not drawn yet.`;
    case 'untrained':
      return `This model is not trained yet, so ${what} is not drawn: press Train (a few seconds) and come back to this step.`;
    default:
      return null;
  }
}

/** The tour, in order. Each step acts on the explorer as it talks; the tour undoes it afterwards. */
export const TOUR_STEPS: TourStep[] = [
  {
    target: 'output',
    title: 'Anchors and the surrogate',
    text: "The faint dots are the network's outputs at the observed hyperparameter values (the anchors). The bright dots are the surrogate's outputs at the slider's λ. The tour has just moved λ a third of the way to the next anchor, a value nobody trained the network at.",
    act: () => moveLambda(1 / 3),
    now: (s) => untrainedNote(s, "the surrogate's output (the bright dots)"),
  },
  {
    target: 'lambda-control',
    title: 'The slider',
    text: 'Drag it, click an anchor label, or use the arrow keys (they land exactly on anchors; Page Up/Down jumps between them). The tour is sweeping λ back and forth now, as the play button does.',
    act: sweep,
  },
  {
    target: 'geodesics',
    title: 'Transport and geodesics',
    text: 'Between two consecutive anchors a learned map sends each output to where it goes at the next anchor, along a path that minimises the action of a Lagrangian. The tour has switched on the straight-line paths (dashed) for comparison: the learned paths bend where the data does.',
    act: showStraight,
    now: (s) => {
      const untrained = untrainedNote(s, 'a learned path');
      if (untrained) return untrained;
      const paths = pathKind(s);
      if (paths === 'spline') return "On this model each path is a transport spline: a cubic through the anchors each sample's coupling chains it to (the metric card says why).";
      if (paths === 'straight') return "On this model the paths are straight lines: its anchors show no curve to follow (the metric card says why), so they match the dashed ones.";
      return null;
    },
  },
  {
    target: 'metric',
    title: 'The metric',
    text: 'Ellipses show the learned metric G over the data: moving along a long axis is expensive, along a short axis cheap. Its trace is fixed, so it can only redistribute cost between directions; it learns the directions the data actually travels. It learns only where a middle anchor sits off the straight lines between its neighbours and a potential also bends the paths. Elsewhere it stays G = I: the potential alone bends them, or without one they are straight lines, or a cubic through each sample\'s anchors (a transport spline) where the anchors curve or cannot be compared.',
    now: (s) => {
      const m = shownPicture(s);
      if (m.config && variantParts(m.config.variant).metric === 'euclidean') return `The variant on show (${m.config.variant}) has no learned metric, so there are no ellipses to draw.`;
      if (m.modelResolved?.metric?.learns === false) return 'On this model G is held at I (the card says why), so there are no ellipses to draw.';
      return untrainedNote(s, 'the learned metric');
    },
  },
  {
    target: 'potential',
    title: 'The potential',
    text: 'U is the log-density of the pooled anchor samples. The Lagrangian is kinetic energy minus U, so dense regions are cheap to cross and paths stay where real outputs live. Its weight α is auto by default: kept where the anchors trace curves like these, left out (α = 0) for clouds moving steadily or turning in open space, and where each input has one output.',
    now: (s) => {
      const m = shownPicture(s);
      if (m.config && !variantParts(m.config.variant).potential) return `The variant on show (${m.config.variant}) has no potential, so there is no heatmap.`;
      if (m.modelResolved?.alpha === 0) return 'On this model α is 0 (the card says why), so there is no potential and no heatmap.';
      return null;
    },
  },
  {
    target: 'output',
    title: 'Against a baseline',
    text: 'Rings now show straight-line optimal transport (McCann) at the same λ, trained on the same anchors. Where the truth curves, the surrogate should follow it and the straight lines cut across. The evaluation panel measures this on held-out anchors.',
    act: () => {
      const undoLambda = moveLambda(1 / 2);
      const undoOverlay = overlayStraightLines();
      return () => {
        undoOverlay();
        undoLambda?.();
      };
    },
  },
  {
    target: 'demo-panel',
    title: 'Train the networks yourself',
    text: 'So far the anchors came ready-made. Here you make them: pick a small real task (a quantile regressor, a classifier with weight decay, a VAE with β), type the λ values, and press "Train the networks". One network per λ trains in a worker while the page stays usable; their outputs become the dataset, exactly as an upload would, and Train fits the surrogate.',
    act: openDemoMode,
  },
  {
    target: 'demo-check',
    title: 'Check at λ',
    text: "Then the honest test: at the slider's λ, train the real network there and compare it with the surrogate's prediction, with the nearest-anchor and straight-line baselines, and with how much two seeds of the real network disagree (the noise floor no prediction can beat). It also shows the seconds the real network took against the surrogate's milliseconds.",
    act: openDemoMode,
  },
];

import { setLambda } from '../actions';
import { setOverlay } from '../evaluation-actions';
import { useStore } from '../store/store';

/** Puts back what a step changed when the tour moves on or closes. */
type Undo = () => void;

export interface TourStep {
  /** The element the step explains (an element id). */
  target: string;
  title: string;
  text: string;
  /** What the step does to the explorer while it talks about it. */
  act?: () => Undo | undefined;
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

/** The tour, in order. Each step acts on the explorer as it talks; the tour undoes it afterwards. */
export const TOUR_STEPS: TourStep[] = [
  {
    target: 'output',
    title: 'Anchors and the surrogate',
    text: "The faint dots are the network's outputs at the observed hyperparameter values (the anchors). The bright dots are the surrogate's outputs at the slider's λ. The tour has just moved λ a third of the way to the next anchor, a value nobody trained the network at.",
    act: () => moveLambda(1 / 3),
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
  },
  {
    target: 'metric',
    title: 'The metric',
    text: 'Ellipses show the learned metric G over the data: moving along a long axis is expensive, along a short axis cheap. Its trace is fixed, so it can only redistribute cost between directions; it learns the directions the data actually travels.',
  },
  {
    target: 'potential',
    title: 'The potential',
    text: 'U is the log-density of the pooled anchor samples. The Lagrangian is kinetic energy minus U, so dense regions are cheap to cross and paths stay where real outputs live.',
  },
  {
    target: 'output',
    title: 'Against a baseline',
    text: 'Dark rings now show straight-line optimal transport (McCann) at the same λ, trained on the same anchors. Where the truth curves, the surrogate should follow it and the straight lines cut across. The evaluation panel measures this on held-out anchors.',
    act: () => {
      const undoLambda = moveLambda(1 / 2);
      const undoOverlay = overlayStraightLines();
      return () => {
        undoOverlay();
        undoLambda?.();
      };
    },
  },
];

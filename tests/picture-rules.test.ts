import { describe, expect, it } from 'vitest';
import { isRunning } from '../src/app/model-status';
import { canTrain, pathKind } from '../src/app/store/kept-picture';

type PathState = Parameters<typeof pathKind>[0];
const picture = (modelResolved: unknown, variant = 'full'): PathState =>
  ({ keptPicture: null, modelResolved, config: { variant }, snapshot: null, snapshotLabels: null, snapshotConds: null, snapshotStep: 0, metricField: null }) as unknown as PathState;

describe('the explorer’s shared rules for the model on show', () => {
  it('a run is going while it pre-trains or trains; Train needs a built model that is not running', () => {
    expect(['training', 'pretraining'].map((s) => isRunning(s as never))).toEqual([true, true]);
    expect(['empty', 'ready', 'paused', 'failed'].map((s) => isRunning(s as never))).toEqual([false, false, false, false]);
    expect(canTrain({ trainState: 'ready', modelMissing: false })).toBe(true);
    expect(canTrain({ trainState: 'training', modelMissing: false })).toBe(false);
    expect(canTrain({ trainState: 'empty', modelMissing: false })).toBe(false);
    expect(canTrain({ trainState: 'failed', modelMissing: true })).toBe(false);
  });

  it('paths are a spline, straight (G = I, no potential) or learned, for the caption and the tour alike', () => {
    expect(pathKind(picture({ alpha: 0, metric: { learns: false, ratio: 2, spline: true } }))).toBe('spline');
    expect(pathKind(picture({ alpha: 0, metric: { learns: false, ratio: 0.5 } }))).toBe('straight');
    expect(pathKind(picture({ alpha: 0 }, 'euclidean'))).toBe('straight');
    expect(pathKind(picture({ alpha: 0.1, metric: { learns: false, ratio: 0.5 } }))).toBe('learned');
    expect(pathKind(picture({ alpha: 0, metric: { learns: true, ratio: 3 } }))).toBe('learned');
    expect(pathKind(picture(null))).toBe('learned');
  });
});

import type { AnchorSet } from '../core/data/types';
import { checkProblem, demoWorker, runDemoJob } from './demo-actions';
import { demoDatasetOf } from './demo-dataset';
import { snapshotOutput } from './snapshot-output';
import { type ShownSweep, type SweepPoint, useDemo } from './store/demo';
import { useStore } from './store/store';

const get = () => useStore.getState();
const setDemo = useDemo.setState;

/** λ halfway between consecutive anchors: the values furthest from anything the surrogate saw. */
export function sweepLambdas(data: AnchorSet): number[] {
  const l = data.anchors.map((a) => a.lambda);
  return l.slice(1).map((hi, k) => +((l[k] + hi) / 2).toPrecision(6));
}

/**
 * The sweep check: at every λ between the anchors in turn, trains the real network from two seeds
 * (the anchors' seed, then the next) and scores the surrogate's snapshot at the time the sweep
 * started, the nearest-anchor and straight-line baselines, and the seed-to-seed floor. Each λ is
 * drawn as soon as it is measured; Cancel keeps those already done.
 */
export async function sweepCheck() {
  const s = get();
  const which = demoDatasetOf(s.data, useDemo.getState().tasks ?? []);
  if (checkProblem(s) || !which || !s.config || useDemo.getState().job !== 'idle') return;
  const data = s.data!;
  const snap = s.snapshot!;
  const lambdas = sweepLambdas(data);
  const points: SweepPoint[] = [];
  const shown: ShownSweep = { task: which.task.id, method: s.config.variant, surrogateStep: s.snapshotStep, lambdas, points: [] };
  setDemo({ sweep: shown });
  const outcome = await runDemoJob('sweeping', async () => {
    for (const [index, lambda] of lambdas.entries()) {
      setDemo({ sweepAt: { index, count: lambdas.length, lambda }, progress: null });
      const { output } = snapshotOutput(snap, data, lambda);
      const r = await demoWorker().check({ task: which.task.id, data, lambda, seeds: [which.seed, which.seed + 1], surrogate: output });
      if ('cancelled' in r) return 'cancelled';
      if (get().data !== data) return 'dataset changed';
      const baseline = (m: 'nearest' | 'mccann') => r.baselines.find((b) => b.method === m)!.distance;
      points.push({ lambda, surrogate: r.surrogate, nearest: baseline('nearest'), mccann: baseline('mccann'), floor: r.noiseFloor });
      setDemo({ sweep: { ...shown, points: [...points] } });
    }
    return 'done';
  });
  setDemo({ sweepAt: null });
  if (outcome === 'cancelled') setDemo({ message: `Sweep cancelled after ${points.length} of ${lambdas.length} λ; those are drawn.` });
  else if (outcome === 'done') setDemo({ message: `Swept ${lambdas.length} λ between the anchors: see "Error over λ" among the views.` });
}

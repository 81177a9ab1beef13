import type { StepStats } from '../../core/clot/trainer-types';
import { deserializeModel } from '../../core/clot/serialize';
import { TrainingSession } from '../../core/session/training-session';
import { ClotSurrogate } from '../../core/surrogate/clot';
import { poisonIfAsked } from './debug-hooks';
import type { ViewFeed } from './view-feed';

/**
 * The training worker's one session over a CLOT model, wired to the views: states and progress go
 * to the UI, snapshots follow the steps, and a failed step is rolled back to the last checkpoint.
 */
export function clotSession(feed: ViewFeed): TrainingSession {
  return new TrainingSession(
    {
      onState: (state, message) => feed.events.state(state, message),
      // Pre-training's ETA is from its pace so far, plus the rest of the recoupling while that runs.
      onProgress: ({ step, ...progress }) => feed.events.progress({ ...progress, stats: step as StepStats | undefined }),
      // The coupled solver's pairs exist before any network trains, and the untrained path network
      // bends nothing: the views show straight-line optimal transport at once, labelled as such.
      beforePretrain: async (s) => {
        const m = (s as ClotSurrogate).model;
        if (!m.coupling) return undefined;
        await feed.snapshot(m);
        return 'showing straight-line optimal transport between the anchors until the paths are trained';
      },
      beforeStep: (s) => poisonIfAsked((s as ClotSurrogate).model),
      afterStep: (s) => feed.snapshotNowAndThen((s as ClotSurrogate).model),
      // The measurement of the old weights is out of date once they change.
      onRunStart: (s) => feed.events.fidelity(null, s.stepsDone),
      // The views get the weights the run stopped at (the restored ones after a failure).
      onRunEnd: (s) => feed.all((s as ClotSurrogate).model, () => true),
    },
    { checkpointEvery: 25, restore: (file) => new ClotSurrogate(deserializeModel(file, 'last good model').model) },
  );
}

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { injectFailure } from '../src/app/worker/step-failure';
import { BaselineModel } from '../src/core/baselines/model';
import { ClotModel } from '../src/core/clot/model';
import { deserializeModel } from '../src/core/clot/serialize';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';
import { checkFinite, TrainingSession, type SessionState } from '../src/core/session/training-session';
import { ClotSurrogate } from '../src/core/surrogate/clot';

const tiny = { hidden: [16, 16], metricHidden: [8], pathHidden: [16], pathPretrainSteps: 10, pathRefitEvery: 5, pathRefitSteps: 3 };
const data = () => semicirclesAnchorSet([0, 0.5, 1], 10, 1);
const clot = (iterations: number) => new ClotSurrogate(new ClotModel(data(), { ...tiny, iterations, seed: 3 }));
const restore = (file: unknown) => new ClotSurrogate(deserializeModel(file, 'last good model').model);

/** A session that records every state it enters (with its message). */
function recording(opts: ConstructorParameters<typeof TrainingSession>[1] = {}, hooks: ConstructorParameters<typeof TrainingSession>[0] = {}) {
  const states: [SessionState, string | undefined][] = [];
  const session = new TrainingSession({ ...hooks, onState: (s, m) => states.push([s, m]) }, opts);
  return { session, states };
}

describe('the training session', () => {
  it('goes empty → ready → pretraining → training → ready, running exactly the planned steps', async () => {
    const { session, states } = recording();
    expect(session.state).toBe('empty');
    const s = clot(6);
    await session.install(s);
    expect(await session.run()).toBe('completed');
    expect(states.map(([st]) => st)).toEqual(['ready', 'pretraining', 'training', 'ready']);
    expect(s.stepsDone).toBe(6);
    // A finished model trains on once its budget is raised (Train on a finished model).
    s.plannedSteps = 9;
    expect(await session.run()).toBe('completed');
    expect(s.stepsDone).toBe(9);
    await session.dispose();
    expect(session.state).toBe('empty');
  });

  it('Step runs its count (even past the budget), pause lands at a step boundary, and training resumes where it stopped', async () => {
    const steps: number[] = [];
    const { session, states } = recording({}, { onProgress: (p) => p.phase === 'train' && steps.push(p.done) });
    const s = clot(40);
    await session.install(s);
    expect(await session.run({ steps: 3 })).toBe('completed');
    expect(s.stepsDone).toBe(3);
    expect(session.state).toBe('paused');
    // Pause from outside while it runs: it stops between steps, with every reported step done.
    const run = session.run();
    while (s.stepsDone < 6) await new Promise((r) => setTimeout(r, 1));
    session.pause();
    expect(await run).toBe('paused');
    const stoppedAt = s.stepsDone;
    expect(stoppedAt).toBeLessThan(40);
    expect(steps[steps.length - 1]).toBe(stoppedAt);
    expect(states[states.length - 1][0]).toBe('paused');
    expect(await session.run()).toBe('completed');
    expect(s.stepsDone).toBe(40);
    // Steps are numbered without gaps or repeats across the runs.
    expect(steps).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await session.dispose();
  });

  it('an abort during pre-training pauses with a message, and the next run pre-trains again before step 1', async () => {
    const { session, states } = recording();
    const s = clot(2);
    await session.install(s);
    const controller = new AbortController();
    controller.abort();
    expect(await session.run({ signal: controller.signal })).toBe('paused');
    expect(states[states.length - 1]).toEqual(['paused', expect.stringMatching(/pre-training/)]);
    expect(s.stepsDone).toBe(0);
    expect(await session.run()).toBe('completed');
    expect(states.slice(-3).map(([st]) => st)).toEqual(['pretraining', 'training', 'ready']);
    await session.dispose();
  });

  it('reports the recoupling as a stage of pre-training with its share done, and a pause lands inside it', async () => {
    // Four classes of 100 rows: each group's 10,000 paths take two batches (81 and 19 rows of 100), 16 over both intervals.
    const stages: { done: number; fraction: number; eta: number; label: string }[] = [];
    let pauseAtStage = true;
    let euclidean: unknown = null;
    const session: TrainingSession = new TrainingSession({
      // The trainer exists by now, with the first (Euclidean) pairs.
      beforePretrain: () => {
        euclidean ??= model.coupling;
        return undefined;
      },
      onProgress: (p) => {
        if (!p.stage) return;
        stages.push({ done: p.done, fraction: p.stage.fraction, eta: p.stage.etaSeconds, label: p.stage.label });
        if (pauseAtStage) session.pause();
      },
    });
    const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 100, 1), { ...tiny, iterations: 2, seed: 3 });
    const s = new ClotSurrogate(model);
    await session.install(s);
    expect(await session.run()).toBe('paused');
    // Paused at the stage's start: it stops after the first batch, and the Euclidean pairs are kept.
    expect(stages.map((st) => st.fraction)).toEqual([0, 8100 / 80000]);
    expect(euclidean).not.toBeNull();
    expect(model.coupling).toBe(euclidean);
    pauseAtStage = false;
    stages.length = 0;
    expect(await session.run()).toBe('completed');
    expect(stages.length).toBe(17);
    for (const st of stages) {
      expect(st.label).toMatch(/recoupling/);
      // Halfway through the 10 pre-training steps.
      expect(st.done).toBe(5);
    }
    // No pace yet at the start; then the seconds left of it.
    expect(stages[0]).toMatchObject({ fraction: 0, eta: Number.NaN });
    for (const st of stages.slice(1)) expect(st.eta).toBeGreaterThanOrEqual(0);
    stages.forEach((st, i) => i > 0 && expect(st.fraction).toBeGreaterThan(stages[i - 1].fraction));
    expect(stages[stages.length - 1].fraction).toBe(1);
    expect(stages[stages.length - 1].eta).toBe(0);
    expect(model.coupling).not.toBe(euclidean);
    await session.dispose();
  });

  it('reports no recoupling stage where no group is recoupled (one row per class)', async () => {
    const stages: number[] = [];
    const session = new TrainingSession({ onProgress: (p) => p.stage && stages.push(p.stage.fraction) });
    await session.install(new ClotSurrogate(new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 1, 1), { ...tiny, iterations: 1, seed: 3 })));
    expect(await session.run()).toBe('completed');
    expect(stages).toEqual([]);
    await session.dispose();
  });

  it('a non-finite loss stops training as failed, restores the last good checkpoint, and it samples as before', async () => {
    let poison = false;
    const { session, states } = recording(
      { checkpointEvery: 2, restore },
      { beforeStep: (s) => poison && injectFailure((s as ClotSurrogate).model, 'nan') },
    );
    await session.install(clot(20));
    expect(await session.run({ steps: 4 })).toBe('completed');
    const before = await session.surrogate!.sampler({ n: 20, seed: 1 }).sample(0.3);
    poison = true;
    expect(await session.run()).toBe('failed');
    expect(session.state).toBe('failed');
    expect(states[states.length - 1][1]).toMatch(/training diverged at step 5 \(loss is not a number\); training stopped, the last good model \(step 4\) is kept/);
    const restored = session.surrogate!;
    expect(restored.stepsDone).toBe(4);
    const after = await restored.sampler({ n: 20, seed: 1 }).sample(0.3);
    expect(Array.from(after.y)).toEqual(Array.from(before.y));
    // Training goes on from the restored weights.
    poison = false;
    expect(await session.run({ steps: 2 })).toBe('completed');
    expect(session.surrogate!.stepsDone).toBe(6);
    await session.dispose();
  });

  it('without checkpoints a failure is reported and the weights are left as they are', async () => {
    const { session, states } = recording({}, { beforeStep: (s) => injectFailure((s as ClotSurrogate).model, 'nan') });
    await session.install(clot(5));
    expect(await session.run()).toBe('failed');
    expect(states[states.length - 1][1]).toMatch(/^training diverged at step 1 \(loss is not a number\); training stopped$/);
    await session.dispose();
  });

  it('trains a baseline the same way, and a method with nothing to train finishes at once', async () => {
    const { session } = recording();
    const cfm = new BaselineModel(data(), { method: 'cfm', iterations: 60 });
    await session.install(cfm);
    expect(await session.run()).toBe('completed');
    expect(cfm.stepsDone).toBe(60);
    const mccann = new BaselineModel(data(), { method: 'mccann' });
    await session.install(mccann);
    expect(mccann.plannedSteps).toBe(0);
    expect(await session.run()).toBe('completed');
    expect(session.state).toBe('ready');
    await session.dispose();
  });

  it('keeps the tensor count flat across runs and frees everything it made on dispose', async () => {
    const cycle = async (check: boolean) => {
      const before = tf.memory().numTensors;
      const { session } = recording({ checkpointEvery: 3, restore });
      await session.install(clot(30));
      await session.run({ steps: 4 });
      const mid = tf.memory().numTensors;
      await session.run({ steps: 10 });
      if (check) expect(tf.memory().numTensors).toBe(mid);
      await session.dispose();
      if (check) expect(tf.memory().numTensors).toBe(before);
    };
    // The first cycle lets tfjs build what it caches for good (kernels' constants); the second must leave nothing.
    await cycle(false);
    await cycle(true);
  });

  it('tells when a run starts and ends, and the run settles only after its end hook (with the restored model after a failure)', async () => {
    const log: string[] = [];
    let poison = false;
    const session = new TrainingSession(
      {
        onRunStart: (s) => log.push(`start ${s.stepsDone}`),
        onRunEnd: async (s, outcome) => {
          await new Promise((r) => setTimeout(r, 20));
          log.push(`end ${outcome} ${s.stepsDone}`);
        },
        beforeStep: (s) => poison && injectFailure((s as ClotSurrogate).model, 'nan'),
      },
      { checkpointEvery: 2, restore },
    );
    await session.install(clot(20));
    await session.run({ steps: 2 });
    expect(log).toEqual(['start 0', 'end completed 2']);
    poison = true;
    await session.run();
    expect(log.slice(2)).toEqual(['start 2', 'end failed 2']);
    await session.dispose();
  });

  it('records its backend and training time in checkpoints', async () => {
    const { session } = recording();
    session.backend = 'wasm';
    await session.install(clot(3), 1.5);
    await session.run();
    const file = (await session.checkpoint()) as { training: { steps: number; seconds: number; backend: string } };
    expect(file.training.backend).toBe('wasm');
    expect(file.training.steps).toBe(3);
    expect(file.training.seconds).toBeGreaterThan(1.5);
    await session.dispose();
  });

  it('checkFinite accepts finite losses and names the step of a bad one', () => {
    expect(() => checkFinite({ step: 3, loss: 1, losses: { dual: 1, residual: 0.5 } })).not.toThrow();
    expect(() => checkFinite({ step: 4 })).not.toThrow();
    expect(() => checkFinite({ step: 7, losses: { residual: NaN } })).toThrow('training diverged at step 7 (loss is not a number)');
    expect(() => checkFinite({ step: 8, loss: Infinity })).toThrow(/step 8/);
  });
});

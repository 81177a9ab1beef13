import { describe, expect, it } from 'vitest';
import { checkStepStats, injectFailure } from '../src/app/worker/step-failure';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { deserializeModel, serializeModel } from '../src/core/clot/serialize';
import { createTrainer } from '../src/core/clot/create-trainer';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';

const tiny = { hidden: [16, 16], metricHidden: [8], pathHidden: [16], pathPretrainSteps: 10, pathRefitEvery: 5, pathRefitSteps: 3 };

describe("the training worker's failure path", () => {
  it('rejects a step whose losses are not all finite', () => {
    expect(() => checkStepStats({ step: 3, dual: 1, residual: 0.5, energy: 2 })).not.toThrow();
    expect(() => checkStepStats({ step: 7, dual: NaN, residual: 0.5, energy: 2 })).toThrow('training diverged at step 7 (loss is not a number)');
    expect(() => checkStepStats({ step: 8, dual: 1, residual: Infinity, energy: 2 })).toThrow(/step 8/);
  });

  it("an injected NaN makes the next real step fail, and the last good checkpoint samples as before", async () => {
    const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 10, 1), { ...tiny, iterations: 10, seed: 3 });
    const trainer = createTrainer(model);
    await trainer.pretrain();
    for (let i = 0; i < 2; i++) checkStepStats(await trainer.step());
    const lastGood = await serializeModel(model, { steps: model.stepsDone, seconds: 0, backend: 'wasm' });
    const before = await new Sampler(model, { n: 20, seed: 1 }).sample(0.3);

    injectFailure(model, 'nan');
    const stats = await trainer.step();
    expect(() => checkStepStats(stats)).toThrow(/training diverged at step 3 \(loss is not a number\)/);
    trainer.dispose();
    model.dispose();

    const restored = deserializeModel(lastGood, 'last good model').model;
    expect(restored.stepsDone).toBe(2);
    const after = await new Sampler(restored, { n: 20, seed: 1 }).sample(0.3);
    expect(after.y.every(Number.isFinite)).toBe(true);
    expect(Array.from(after.y)).toEqual(Array.from(before.y));
    restored.dispose();
  });
});

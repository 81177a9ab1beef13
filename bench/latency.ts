import { ClotModel } from '../src/core/clot/model';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';
import { Sampler } from '../src/core/clot/sampler';
import { semicirclesAnchorSet } from '../src/core/datasets/semicircles';

/**
 * Slider latency: 4,000 surrogate samples at new λ values inside an interval
 * that is already cached (plain JS), and the one-off cost of preparing an
 * interval (tfjs: pushes through the maps and the path network).
 */
export async function samplingLatency(n = 4000): Promise<{ cachedMedianMs: number; cachedMaxMs: number; prepareMs: number }> {
  const model = new ClotModel(semicirclesAnchorSet([0, 0.5, 1], 100, 1), { iterations: 2, pathPretrainSteps: 5 });
  await trainSurrogate(new ClotSurrogate(model));
  const sampler = new Sampler(model, { n, seed: 1 });
  const t0 = performance.now();
  await sampler.prepare(0);
  const prepareMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const lambda = 0.001 + (0.498 * i) / 199;
    const s = performance.now();
    sampler.sampleCached(lambda);
    times.push(performance.now() - s);
  }
  model.dispose();
  times.sort((a, b) => a - b);
  return { cachedMedianMs: times[100], cachedMaxMs: times[times.length - 1], prepareMs };
}

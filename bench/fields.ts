// `npx tsx bench/fields.ts`: time of one refresh of the metric and potential views (the worker's
// computeFields) on the quantile-fan preset (continuous condition: Nadaraya–Watson potential), as
// the app asked before (both fields at both grid sizes, 13² and 64²) and as it asks now (the metric
// at 13², the potential at 64²). Median of 7 refreshes each, alternating, after a warm-up.
import { switchBackend } from '../src/core/tfjs/backend';
import { computeFields, type FieldGrid } from '../src/core/clot/fields';
import { ClotModel } from '../src/core/clot/model';
import { PRESETS } from '../src/core/datasets/presets';

await switchBackend('wasm');
// learnMetric 'always': the default full model of this preset follows the transport spline and has no metric network to draw.
const model = new ClotModel(PRESETS['quantile-fan'].make(0), { seed: 0, learnMetric: 'always' });
const base = { x: [-3, 3] as [number, number], y: [-3, 3] as [number, number], dims: [0, 1] as [number, number], classIndex: 0 };
const grid = (n: number, only?: FieldGrid['only']): FieldGrid => ({ ...base, nx: n, ny: n, ...(only ? { only } : {}) });
const both = () => Promise.all([computeFields(model, grid(13)), computeFields(model, grid(64))]);
const split = () => Promise.all([computeFields(model, grid(13, 'metric')), computeFields(model, grid(64, 'potential'))]);
const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
await both();
await split();
const before: number[] = [];
const after: number[] = [];
for (let i = 0; i < 7; i++) {
  before.push(await time(both));
  after.push(await time(split));
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`field refresh on quantile-fan (D = ${model.D}): both fields at both sizes ${median(before).toFixed(0)} ms; one grid each ${median(after).toFixed(0)} ms`);
model.dispose();

import { describe, expect, it } from 'vitest';
import { ClotModel } from '../src/core/clot/model';
import { Sampler } from '../src/core/clot/sampler';
import { assumedPaceText, paceIsAssumed } from '../src/core/clot/pace-assumption';
import { rotatingBlob } from '../src/core/datasets/families';
import { trainSurrogate } from '../src/core/surrogate/build';
import { ClotSurrogate } from '../src/core/surrogate/clot';

const write = (v: number) => String(v);

describe('assumedPaceText (between two anchors only, the pace in λ is an assumption)', () => {
  it('says how far along the paths λ puts the samples, between the two anchors', () => {
    expect(assumedPaceText([0, 1], 'calibrated', 0.3, write)).toBe(
      'Two anchors only: nothing in the data says how fast the outputs change between them, so this picture assumes a steady pace in λ (30 % of the way from λ = 0 to 1). An anchor in between would test it.',
    );
    // On a log-spaced knob the slider's middle is only a tenth of the way: worth saying.
    expect(assumedPaceText([1e-4, 0.1], 'constant-speed', 0.01, write)).toContain('(9.9 % of the way from λ = 0.0001 to 0.1)');
  });

  it('names what it describes: the app\'s picture or the CLI\'s samples', () => {
    expect(assumedPaceText([0, 1], 'calibrated', 0.5, write, 'samples')).toContain('so these samples assume a steady pace in λ (50 % of the way');
  });

  it('never reads 0 % or 100 % strictly between the anchors', () => {
    expect(assumedPaceText([0, 1], 'calibrated', 0.996, write)).toContain('(99.6 % of the way');
    expect(assumedPaceText([0, 1], 'calibrated', 0.99999, write)).toContain('(99.9 % of the way');
    expect(assumedPaceText([0, 1], 'calibrated', 0.003, write)).toContain('(0.3 % of the way');
  });

  it('says nothing at the anchors themselves, with an anchor in between, or where the potential sets the pace', () => {
    expect(assumedPaceText([0, 1], 'calibrated', 0, write)).toBeNull();
    expect(assumedPaceText([0, 1], 'calibrated', 1, write)).toBeNull();
    expect(assumedPaceText([0, 0.5, 1], 'calibrated', 0.3, write)).toBeNull();
    expect(assumedPaceText([0, 1], 'uniform', 0.3, write)).toBeNull();
    expect(paceIsAssumed([0, 1], 'calibrated')).toBe(true);
    expect(paceIsAssumed([0, 1, 2], 'constant-speed')).toBe(false);
  });
});

describe('what the note says is what the sampler does', () => {
  it('between two anchors each sample sits at the plain λ fraction of its straight path, under both timings the note covers', async () => {
    // A blob turning between two anchors; paths are straight lines (K_I), so the fraction along each is measurable.
    const data = rotatingBlob([0, 2], 40, 4);
    for (const timing of ['calibrated', 'constant-speed'] as const) {
      const model = new ClotModel(data, { variant: 'euclidean', hidden: [8], iterations: 2, seed: 1, timing });
      await trainSurrogate(new ClotSurrogate(model));
      const sampler = new Sampler(model, { n: 40, seed: 0 });
      const [start, end, at] = [await sampler.sample(0), await sampler.sample(2), await sampler.sample(0.5)];
      // λ = 0.5 of [0, 2]: a quarter of the way, row by row.
      for (let j = 0; j < at.y.length; j++) expect(at.y[j]).toBeCloseTo(0.75 * start.y[j] + 0.25 * end.y[j], 4);
      model.dispose();
    }
  });
});


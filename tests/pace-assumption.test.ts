import { describe, expect, it } from 'vitest';
import { assumedPaceText, paceIsAssumed } from '../src/core/clot/pace-assumption';

const write = (v: number) => String(v);

describe('assumedPaceText (between two anchors only, the pace in λ is an assumption)', () => {
  it('says how far along the paths λ puts the samples, between the two anchors', () => {
    expect(assumedPaceText([0, 1], 'calibrated', 0.3, write)).toBe(
      'Two anchors only: nothing in the data says how fast the outputs change between them, so this picture assumes a steady pace in λ (30 % of the way from λ = 0 to 1). An anchor in between would test it.',
    );
    // On a log-spaced knob the slider's middle is only a tenth of the way: worth saying.
    expect(assumedPaceText([1e-4, 0.1], 'constant-speed', 0.01, write)).toContain('(9.9 % of the way from λ = 0.0001 to 0.1)');
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

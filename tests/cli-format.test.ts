import { describe, expect, it } from 'vitest';
import { conditionValue } from '../src/cli/commands';

describe('the training log names a continuous condition value readably', () => {
  it('writes each dim to four significant digits, and at most three dims', () => {
    expect(conditionValue('0.5')).toBe('0.5');
    expect(conditionValue('13.97070026397705')).toBe('13.97');
    expect(conditionValue('13.97070026397705,12.552599906921387')).toBe('(13.97, 12.55)');
    // The cancer states have seven dims: "c = 13.97070026397705,12.552599906921387,…" filled a screen line each.
    expect(conditionValue('13.97070026397705,12.552599906921387,10.566900253295898,21.591899871826172,0,8.996800422668457,4.448490142822266')).toBe('(13.97, 12.55, 10.57, …)');
  });
});

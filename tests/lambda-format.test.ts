import { describe, expect, it } from 'vitest';
import { lambdaFormat, ratioText } from '../src/app/components/format';

describe('λ for people', () => {
  it('writes λ to 1 % of the anchor range, the same for the slider, the titles and the pin button', () => {
    // softmax temperatures 0.5 … 2: the slider at 1.045 reads 1.04 everywhere (not 1.045 beside "Pin λ = 1.04").
    const fmt = lambdaFormat(1.5, [0.5, 1, 2]);
    expect(fmt(1.0449)).toBe('1.04');
    expect(fmt(0.75)).toBe('0.75');
    expect(fmt(-0.5)).toBe('−0.5');
  });

  it("writes an anchor's own value to four significant digits, even below the range's resolution", () => {
    // Anchors 0.001, 5, 10 (a linear track): 1 % of the range is about 0.1 (two decimals), which would show the first anchor as 0.
    const fmt = lambdaFormat(9.999, [0.001, 5, 10]);
    expect(fmt(0.001)).toBe('0.001');
    expect(fmt(0.0012)).toBe('0');
    expect(fmt(2.346)).toBe('2.35');
    expect(lambdaFormat(9.999)(0.001)).toBe('0');
    // A negative anchor gets a true minus sign, as the values between anchors do.
    expect(lambdaFormat(3, [-2, -1, 1])(-2)).toBe('−2');
  });

  it('on a log track (log-spaced anchors) writes λ to three significant digits, so small values between anchors are not 0', () => {
    const fmt = lambdaFormat(9.999, [0.001, 0.1, 10]);
    expect(fmt(0.001)).toBe('0.001');
    expect(fmt(0.0012345)).toBe('0.00123');
    expect(fmt(2.346)).toBe('2.35');
    // Large values stay in plain digits (not 1.5e+3).
    expect(lambdaFormat(9990, [10, 100, 1000, 10000])(1534)).toBe('1530');
  });
});

describe('ratios for people', () => {
  it('keeps two significant digits, so ratios 3× apart never read the same', () => {
    expect(ratioText(0.002135 / 0.4091)).toBe('0.0052');
    expect(ratioText(0.006018 / 0.4091)).toBe('0.015');
    expect(ratioText(1.2749)).toBe('1.3');
    expect(ratioText(1)).toBe('1');
    expect(ratioText(23.4)).toBe('23');
  });
});

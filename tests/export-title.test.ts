import { describe, expect, it } from 'vitest';
import { TITLE_FONT, titleFontSize } from '../src/app/components/figure-svg';

describe('an exported figure title fits its width', () => {
  it('keeps the full size for a short title and shrinks a long one to fit, not below 9 px', () => {
    expect(titleFontSize('Outputs at λ = 0.25', 720)).toBe(TITLE_FONT.size);
    const long = "Metric field · the first sample's condition (c0 = −0.7968)";
    const size = titleFontSize(long, 360);
    expect(size).toBeLessThan(TITLE_FONT.size);
    // At the estimated 0.6 em a character it now fits inside the margins (a longer one stops at 9 px).
    expect(0.6 * size * long.length).toBeLessThanOrEqual(360 - 16);
    expect(titleFontSize('x'.repeat(500), 360)).toBe(9);
  });
});

import { describe, expect, it } from 'vitest';
import { keyTarget } from '../src/app/components/LambdaSlider';
import { trackScale } from '../src/app/components/lambda-track';

describe('λ slider keys', () => {
  const anchors = [0, 0.5, 1];
  it('arrows move 1 % of the range and land exactly on an anchor they would cross', () => {
    expect(keyTarget('ArrowRight', 0.25, 0, 1, anchors)).toBeCloseTo(0.26, 12);
    expect(keyTarget('ArrowRight', 0.495, 0, 1, anchors)).toBe(0.5);
    expect(keyTarget('ArrowLeft', 0.505, 0, 1, anchors)).toBe(0.5);
    // From an anchor the next step leaves it.
    expect(keyTarget('ArrowRight', 0.5, 0, 1, anchors)).toBeCloseTo(0.51, 12);
    expect(keyTarget('ArrowLeft', 0.003, 0, 1, anchors)).toBe(0);
    // Fifty presses from 0 reach the anchor 0.5 exactly, however the steps round.
    let v = 0;
    for (let i = 0; i < 50; i++) v = keyTarget('ArrowRight', v, 0, 1, anchors)!;
    expect(v).toBe(0.5);
  });

  it('Page Up and Down jump between anchors; Home and End go to the ends; other keys do nothing', () => {
    expect(keyTarget('PageUp', 0.25, 0, 1, anchors)).toBe(0.5);
    expect(keyTarget('PageUp', 0.5, 0, 1, anchors)).toBe(1);
    expect(keyTarget('PageDown', 0.5, 0, 1, anchors)).toBe(0);
    expect(keyTarget('PageDown', 0, 0, 1, anchors)).toBe(0);
    expect(keyTarget('Home', 0.7, 0, 1, anchors)).toBe(0);
    expect(keyTarget('End', 0.7, 0, 1, anchors)).toBe(1);
    expect(keyTarget('a', 0.7, 0, 1, anchors)).toBeNull();
  });

  it('on a log track arrows move 1 % of the track, a ratio of λ, and still snap onto anchors', () => {
    const logAnchors = [0.001, 0.01, 0.1];
    const scale = trackScale(logAnchors);
    // Two decades over the track: 1 % is a factor of 10^0.02.
    expect(keyTarget('ArrowRight', 0.001, 0.001, 0.1, logAnchors, scale)).toBeCloseTo(0.001 * 10 ** 0.02, 12);
    expect(keyTarget('ArrowLeft', 0.1, 0.001, 0.1, logAnchors, scale)).toBeCloseTo(0.1 / 10 ** 0.02, 12);
    // Fifty presses from the first anchor reach the middle one exactly.
    let v = 0.001;
    for (let i = 0; i < 50; i++) v = keyTarget('ArrowRight', v, 0.001, 0.1, logAnchors, scale)!;
    expect(v).toBe(0.01);
    expect(keyTarget('ArrowLeft', 0.001, 0.001, 0.1, logAnchors, scale)).toBe(0.001);
  });
});

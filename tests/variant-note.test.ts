import { describe, expect, it } from 'vitest';
import { variantRunsAs } from '../src/app/variant-note';

const resolved = (alpha: number, metric: { learns: boolean; spline?: boolean; faint?: boolean } | null, byAuto = true) => ({
  bandwidth: 0.05,
  alpha,
  alphaReason: byAuto ? ('steady' as const) : null,
  metric: metric && { ratio: 2, ...metric },
});

describe('what a variant runs as', () => {
  it('says nothing where every part the variant names is in force, or before a model is installed', () => {
    expect(variantRunsAs('full', resolved(0.1, { learns: true }))).toBeNull();
    expect(variantRunsAs('euclidean', resolved(0, null))).toBeNull();
    expect(variantRunsAs('metric', resolved(0, { learns: true }))).toBeNull();
    expect(variantRunsAs('full', null)).toBeNull();
  });

  it('names what the full method dropped, and what its paths are then', () => {
    expect(variantRunsAs('full', resolved(0, { learns: false, spline: true }))).toBe(
      "Runs as: metric held at G = I, no potential (α auto = 0); paths follow a transport spline through the anchors. The Metric and Potential cards say why.",
    );
    expect(variantRunsAs('full', resolved(0, { learns: false, faint: true }))).toMatch(/^Runs as: metric held at G = I, no potential \(α auto = 0\); paths are straight lines\./);
    // With the potential on, a held metric still lets the potential bend the paths.
    expect(variantRunsAs('full', resolved(0.1, { learns: false }))).toMatch(/^Runs as: metric held at G = I, potential α = 0\.1\. /);
    expect(variantRunsAs('full', resolved(0, { learns: true }))).toMatch(/^Runs as: learned metric, no potential \(α auto = 0\)\. /);
  });

  it('tells a weight of 0 typed in from one auto chose', () => {
    expect(variantRunsAs('full', resolved(0, { learns: true }, false))).toMatch(/^Runs as: learned metric, no potential \(α = 0, as set\)\. /);
  });

  it('covers the variants with one part: a held metric, a potential switched off', () => {
    expect(variantRunsAs('metric', resolved(0, { learns: false }))).toMatch(/^Runs as: metric held at G = I; paths are straight lines\./);
    expect(variantRunsAs('euclidean+potential', resolved(0, null))).toMatch(/^Runs as: no potential \(α auto = 0\)\. /);
  });
});

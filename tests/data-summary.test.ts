import { describe, expect, it } from 'vitest';
import { parseAnchorCsv } from '../src/core/data/csv';
import { sampleCounts } from '../src/core/data/summary';

describe('sampleCounts', () => {
  it('lists the samples per anchor without a class', () => {
    const set = parseAnchorCsv('lambda,y0\n0,1\n0,2\n0.12345678,3\n', 'a.csv');
    expect(sampleCounts(set)).toBe('λ = 0: 2, λ = 0.1235: 1');
  });

  it('gives the per-class range and names the smallest class when classes are uneven', () => {
    const rows = ['lambda,y0,class', '0,1,3', '0,1,3', '0,1,7', '0,1,7', '1,1,3', '1,1,3', '1,1,7'];
    expect(sampleCounts(parseAnchorCsv(rows.join('\n'), 'b.csv'))).toBe('λ = 0: 4, λ = 1: 3; per class 1–2 (class 7 has 1 at λ = 1)');
  });

  it('says "per class N" when every class has N samples at every anchor', () => {
    const rows = ['lambda,y0,class', '0,1,0', '0,1,1', '1,1,0', '1,1,1'];
    expect(sampleCounts(parseAnchorCsv(rows.join('\n'), 'c.csv'))).toBe('λ = 0: 2, λ = 1: 2; per class 1');
  });
});

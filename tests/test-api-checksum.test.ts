import { describe, expect, it } from 'vitest';
import { checksum } from '../src/app/testing/test-api';

describe("the e2e tests' checksum of drawn samples", () => {
  it('changes when probabilities move on the simplex, though every row still sums to 1', () => {
    const at = (p: number[]) => checksum(Float32Array.from([...p, ...p, 0.1, 0.1, 0.8]));
    expect(at([0.2, 0.3, 0.5])).not.toBe(at([0.5, 0.3, 0.2]));
    expect(at([0.2, 0.3, 0.5])).toBe(at([0.2, 0.3, 0.5]));
  });

  it('changes when two rows swap', () => {
    expect(checksum(Float32Array.from([1, 2, 3, 4]))).not.toBe(checksum(Float32Array.from([3, 4, 1, 2])));
  });
});

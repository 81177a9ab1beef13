import { describe, expect, it } from 'vitest';
import { parseAnchorFile } from '../src/core/data/load';
import { parseFraction, type ParsePhase } from '../src/core/data/reading';
import { npyBytes, ptBytes } from './helpers/fixtures';

const T = 3;
const N = 20_000;
const W = 2;
/** [T, N, 2] values: y0 = row index, y1 = anchor. */
const values = Float32Array.from({ length: T * N * W }, (_, i) => (i % 2 === 0 ? (i >> 1) % N : Math.floor(i / (N * W))));
const layout = { lambdas: [0, 0.5, 1], dimY: 2 };

function jsonBytes(): Uint8Array {
  const anchors = layout.lambdas.map((lambda, t) => ({ lambda, y: Array.from({ length: N }, (_, n) => [n, t]) }));
  return new TextEncoder().encode(JSON.stringify({ anchors }));
}

interface Call {
  done: number;
  total: number;
  rows: number;
  phase: ParsePhase;
}

/** Parses through parseAnchorFile, recording every progress call. */
function record(name: string, bytes: Uint8Array, withLayout: boolean) {
  const calls: Call[] = [];
  const set = parseAnchorFile(name, bytes, withLayout ? layout : undefined, { onProgress: (done, total, rows, phase) => calls.push({ done, total, rows, phase }) });
  return { set, calls, fractions: calls.map((c) => parseFraction(c.done, c.total, c.phase)) };
}

describe.each([
  ['a.json', jsonBytes, false, ['parsing JSON', 'checking rows', 'building anchors']],
  ['a.npy', () => npyBytes(values, [T, N, W]), true, ['decoding array', 'checking values', 'building anchors']],
  ['a.pt', () => ptBytes(values, [T, N, W]), true, ['unzipping', 'decoding tensor', 'checking values', 'building anchors']],
] as const)('progress of %s', (name, bytes, withLayout, steps) => {
  it('goes through its steps in order, monotone, moving within the row check, and ends at 1 with every anchor built', () => {
    const { set, calls, fractions } = record(name, bytes(), withLayout);
    expect(set.anchors.map((a) => a.n)).toEqual([N, N, N]);
    // Every step is told, in order, each with its index and the count.
    expect([...new Set(calls.map((c) => c.phase.label))]).toEqual(steps);
    for (const c of calls) expect(c.phase).toEqual({ label: c.phase.label, step: steps.indexOf(c.phase.label as never), steps: steps.length });
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    // The row check reports as it goes (not only 0 and done), and counts the rows it has read.
    const rowCalls = calls.filter((c) => c.phase.step === steps.length - 2);
    expect(rowCalls.length).toBeGreaterThan(3);
    expect(rowCalls.every((c) => c.total === T * N && c.rows === c.done)).toBe(true);
    expect(rowCalls[rowCalls.length - 1]).toMatchObject({ done: T * N, rows: T * N });
    // Then the anchors, one by one.
    expect(calls.filter((c) => c.phase.label === 'building anchors').map((c) => [c.done, c.total])).toEqual([[0, 1], [1, T], [2, T], [3, T]]);
    expect(calls[calls.length - 1].rows).toBe(T * N);
  });
});

describe('progress of a CSV file', () => {
  it('stays one step of characters, as before', () => {
    const text = ['lambda,y0', ...Array.from({ length: 200_000 }, (_, i) => `${i % 2},${i}`)].join('\n');
    const { calls, fractions } = record('a.csv', new TextEncoder().encode(text), false);
    expect(calls.every((c) => c.phase.label === 'parsing CSV' && c.phase.steps === 1 && c.total === text.length)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(calls[calls.length - 1]).toMatchObject({ done: text.length, rows: 200_000 });
  });
});

describe('parseFraction', () => {
  it('weighs steps equally, each by its own units', () => {
    const phase = (step: number): ParsePhase => ({ label: 'x', step, steps: 2 });
    expect(parseFraction(0, 1, phase(0))).toBe(0);
    expect(parseFraction(1, 1, phase(0))).toBe(0.5);
    expect(parseFraction(30, 60, phase(1))).toBe(0.75);
    expect(parseFraction(60, 60, phase(1))).toBe(1);
    expect(parseFraction(0, 0, phase(1))).toBe(1);
    expect(parseFraction(5, 10, undefined)).toBe(0.5);
  });
});

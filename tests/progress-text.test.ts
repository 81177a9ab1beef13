import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../src/cli/progress';
import { clock, stageText } from '../src/core/session/progress-text';

describe('progress text', () => {
  it('writes seconds as m:ss, rounding to the second first', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(59.4)).toBe('0:59');
    expect(clock(59.6)).toBe('1:00');
    expect(clock(119.6)).toBe('2:00');
    expect(clock(3725)).toBe('62:05');
    expect(clock(-3)).toBe('0:00');
    expect(clock(Number.NaN)).toBe('–');
    expect(clock(Number.POSITIVE_INFINITY, '--:--')).toBe('--:--');
  });

  it('writes a stage with its share done, floored (100 % only when done)', () => {
    expect(stageText({ label: 'recoupling', fraction: 0.10125 })).toBe('recoupling 10\u00a0%');
    expect(stageText({ label: 'recoupling', fraction: 0.999 })).toBe('recoupling 99\u00a0%');
    expect(stageText({ label: 'recoupling', fraction: 1 })).toBe('recoupling 100\u00a0%');
  });

  it('the CLI line names the stage and keeps the steps, rate and ETA', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const { update } = progressPrinter(stream);
    update({ phase: 'pretrain', done: 100, total: 200, stepsPerSecond: 8.04, etaSeconds: 75.2, stage: { label: 'recoupling the anchors along the learned paths', fraction: 0.4, etaSeconds: 62.7 } });
    expect(written).toEqual(['pre-training 100/200  recoupling the anchors along the learned paths 40\u00a0%  8.0 steps/s  ETA 1:15\n']);
  });
});

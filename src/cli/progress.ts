import { clock as clockOr, stageText } from '../core/session/progress-text';
import type { SessionProgress } from '../core/session/training-session';

const clock = (seconds: number) => clockOr(seconds, '--:--');

/**
 * Progress on stderr: a line rewritten in place on a terminal; on a pipe or
 * log file, one line every few seconds so logs stay readable.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { update: (p: SessionProgress) => void; done: () => void } {
  const tty = Boolean(stream.isTTY);
  let lastPrint = 0;
  let lastLoss: number | undefined;
  let open = false;
  const update = (p: SessionProgress) => {
    const losses = p.step?.losses;
    if (p.step?.loss !== undefined) lastLoss = p.step.loss;
    let text: string;
    if (p.phase === 'pretrain') {
      const stage = p.stage ? `  ${stageText(p.stage)}` : '';
      text = `pre-training ${p.done}/${p.total}${stage}  ${p.stepsPerSecond.toFixed(1)} steps/s  ETA ${clock(p.etaSeconds)}`;
    } else if (losses?.dual !== undefined) {
      text =
        `step ${p.done}/${p.total}  cost ${losses.dual.toFixed(4)}  residual ${losses.residual.toExponential(2)}  ` +
        `energy ${losses.energy.toFixed(3)}  ${p.stepsPerSecond.toFixed(2)} steps/s  ETA ${clock(p.etaSeconds)}`;
    } else {
      // Baselines read their loss only now and then: show the latest.
      text = `step ${p.done}/${p.total}${lastLoss !== undefined ? `  loss ${lastLoss.toExponential(3)}` : ''}  ${p.stepsPerSecond.toFixed(1)} steps/s  ETA ${clock(p.etaSeconds)}`;
    }
    const now = Date.now();
    const last = p.done === p.total;
    if (tty) {
      if (!last && now - lastPrint < 100) return;
      lastPrint = now;
      stream.write(`\r\x1b[2K${text}`);
      open = true;
      if (last) {
        stream.write('\n');
        open = false;
      }
    } else if (now - lastPrint > 5000 || last || lastPrint === 0) {
      stream.write(`${text}\n`);
      lastPrint = now;
    }
  };
  return {
    update,
    done: () => {
      if (open) stream.write('\n');
      open = false;
    },
  };
}

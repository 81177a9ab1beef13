import type { TrainProgress } from '../core/clot/run';

/** A CLOT progress report, or a baseline's (no CLOT stats; its loss). */
export type ProgressLine = Omit<TrainProgress, 'stats'> & { stats?: TrainProgress['stats']; loss?: number };

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Progress on stderr: a line rewritten in place on a terminal; on a pipe or
 * log file, one line every few seconds so logs stay readable.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { update: (p: ProgressLine) => void; done: () => void } {
  const tty = Boolean(stream.isTTY);
  let lastPrint = 0;
  let open = false;
  const update = (p: ProgressLine) => {
    let text: string;
    if (p.phase === 'pretrain') {
      text = `path network pre-training ${p.done}/${p.total}  ${p.stepsPerSecond.toFixed(1)} steps/s  ETA ${clock(p.etaSeconds)}`;
    } else if (!p.stats) {
      text = `step ${p.done}/${p.total}${p.loss !== undefined ? `  loss ${p.loss.toExponential(3)}` : ''}  ${p.stepsPerSecond.toFixed(1)} steps/s  ETA ${clock(p.etaSeconds)}`;
    } else {
      const s = p.stats;
      text =
        `step ${s.step} (${p.done}/${p.total})  cost ${s.dual.toFixed(4)}  residual ${s.residual.toExponential(2)}  ` +
        `energy ${s.energy.toFixed(3)}  ${p.stepsPerSecond.toFixed(2)} steps/s  ETA ${clock(p.etaSeconds)}`;
    }
    const now = Date.now();
    const last = p.done === p.total;
    if (tty) {
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

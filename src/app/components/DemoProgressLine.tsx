import { cancelDemoJob } from '../demo-actions';
import { type DemoJob, type DemoState, useDemo } from '../store/demo';
import { anchorValue, formatValue } from './format';

const CANCEL_LABEL: Record<DemoJob, string> = { generating: 'Cancel training the networks', checking: 'Cancel the check', sweeping: 'Cancel the sweep' };

/** "Network 2 of 5 (λ = 0.25, seed 0): epoch 300 of 600, loss 0.0123", and how far the whole job is (0–1, or null when unknown). */
function progressText(job: DemoJob, { progress: p, sweepAt }: Pick<DemoState, 'progress' | 'sweepAt'>): { text: string; fraction: number | null } {
  const where = job === 'sweeping' && sweepAt ? `λ = ${anchorValue(sweepAt.lambda)} (${sweepAt.index + 1} of ${sweepAt.count}): ` : '';
  // A sweep's bar counts its λ; within one λ, the networks and epochs.
  const overall = (within: number) => (job === 'sweeping' && sweepAt ? (sweepAt.index + within) / sweepAt.count : within);
  if (!p) return { text: `${where}starting…`, fraction: overall(0) };
  if ('label' in p) return { text: `${where}${p.label}…`, fraction: job === 'sweeping' ? overall(1) : null };
  const which = job === 'generating' ? `Network ${p.network + 1} of ${p.networks}` : `real network ${p.network + 1} of ${p.networks}`;
  const at = job === 'sweeping' ? '' : `λ = ${anchorValue(p.lambda)}, `;
  return {
    text: `${where}${which} (${at}seed ${p.seed}): epoch ${p.epoch} of ${p.epochs}, loss ${formatValue(p.loss)}`,
    fraction: overall((p.network + p.epoch / p.epochs) / p.networks),
  };
}

/** The demo worker's progress while it runs one of `jobs`, with Cancel. */
export function DemoProgressLine({ jobs }: { jobs: DemoJob[] }) {
  const job = useDemo((s) => s.job);
  const progress = useDemo((s) => s.progress);
  const sweepAt = useDemo((s) => s.sweepAt);
  if (job === 'idle' || !jobs.includes(job)) return null;
  const { text, fraction } = progressText(job, { progress, sweepAt });
  // Capital first letter, but never on λ (whose capital is Λ).
  const sentence = text.replace(/^[a-z]/, (c) => c.toUpperCase());
  return (
    <div className="demo-progress" role="status" data-testid="demo-progress">
      {/* Without a value the bar shows work of unknown length (building the baselines). */}
      <progress max={1} {...(fraction === null ? {} : { value: fraction })} aria-label={job === 'generating' ? 'Training the networks' : 'Checking the surrogate'} />
      <span>{sentence}</span>
      <button type="button" onClick={cancelDemoJob} aria-label={CANCEL_LABEL[job]}>
        Cancel
      </button>
    </div>
  );
}

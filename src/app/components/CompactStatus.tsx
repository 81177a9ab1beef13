import { clock } from '../../core/session/progress-text';
import { modelStatus } from '../model-status';
import { useStore } from '../store/store';

/**
 * The model's state in one short line, "training · step 40 / 150 · 0:32 left": beside Train and
 * Pause in presentation mode, which hides the status panel (presentation.css), and on a phone's
 * bar at the foot of the screen (PhoneBar), where the status panel is far below the views.
 */
export function CompactStatus({ className, testId }: { className: string; testId: string }) {
  const state = useStore((s) => s.trainState);
  const steps = useStore((s) => s.steps);
  const total = useStore((s) => s.config?.iterations ?? s.settings.iterations);
  const progress = useStore((s) => s.progress);
  const status = modelStatus(state, steps);
  const parts = [status.label];
  if (state === 'pretraining' && progress?.phase === 'pretrain') parts.push(`${Math.round((100 * progress.done) / Math.max(1, progress.total))} % of pre-training`);
  if (status.key !== 'loading') parts.push(`step ${steps} / ${total}`);
  if (state === 'training' && progress?.phase === 'train' && Number.isFinite(progress.etaSeconds)) parts.push(`${clock(progress.etaSeconds)} left`);
  return (
    <span className={className} data-testid={testId}>
      {parts.join(' · ')}
    </span>
  );
}

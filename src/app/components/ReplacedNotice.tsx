import { bringBackReplaced } from '../actions';
import { useStore } from '../store/store';

/**
 * After other data replaced a model trained on this page: which one, with a way to bring it back
 * (or to let it go). Switching datasets never silently throws away training that was not saved.
 */
export function ReplacedNotice() {
  const replaced = useStore((s) => s.replaced);
  if (!replaced) return null;
  return (
    <div className="replaced-notice" role="status" data-testid="replaced-model">
      <span>
        The model trained on {replaced.data.source} ({replaced.training.steps} steps) was replaced; it is kept until you dismiss this.
      </span>
      <span className="replaced-actions">
        <button type="button" onClick={() => void bringBackReplaced()}>
          Bring it back
        </button>
        <button type="button" onClick={() => useStore.setState({ replaced: null })}>
          Dismiss
        </button>
      </span>
    </div>
  );
}

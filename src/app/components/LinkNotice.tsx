import { useStore } from '../store/store';

/**
 * What the opening link asked for that could not be used, and what is used instead, until
 * dismissed: a shared link with a typo never silently shows something else.
 */
export function LinkNotice() {
  const problems = useStore((s) => s.linkProblems);
  if (!problems || problems.length === 0) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <span>
        This link asked for settings that cannot be used: {problems.join('; ')}.
      </span>
      <button type="button" onClick={() => useStore.setState({ linkProblems: null })}>
        Dismiss
      </button>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { ownDataName } from '../store/data-origin';
import { shareableLink } from '../actions';
import { useStore } from '../store/store';
import './header-tools.css';

/** How long "Link copied" stays. */
const CONFIRM_MS = 2500;

/**
 * "Copy link": puts the address of what is shown (the settings in the URL) on the clipboard and
 * says so. Where the clipboard is refused (permissions, an insecure origin) the link appears in a
 * selected text field to copy by hand.
 */
export function CopyLink() {
  // An upload or the demo's networks are not in the link: it opens the built-in dataset of the settings.
  const ownData = useStore(ownDataName);
  const [copied, setCopied] = useState(false);
  const [manual, setManual] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  useEffect(() => {
    if (manual === null) return;
    field.current?.focus();
    field.current?.select();
  }, [manual]);

  const copy = async () => {
    const link = shareableLink();
    try {
      await navigator.clipboard.writeText(link);
      setManual(null);
      setCopied(true);
    } catch {
      setCopied(false);
      setManual(link);
    }
  };

  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} title={ownData ? `The link keeps the settings; ${ownData} and its λ are not in it` : 'Copy a link to this view: dataset, settings and λ'}>
        Copy link
      </button>
      {/* Under the button, over the page: the header does not reflow when it appears. */}
      <span className="copy-link-popup">
        <span role="status" className="copy-link-status">
          {copied ? (ownData ? `Link copied: it has the settings, not ${ownData} or its λ (it opens the built-in dataset)` : 'Link copied') : manual !== null ? 'Copy this link (Ctrl+C):' : ''}
        </span>
        {manual !== null && <input ref={field} type="text" readOnly value={manual} aria-label="Link to this view" onFocus={(e) => e.currentTarget.select()} onBlur={() => setManual(null)} />}
      </span>
    </span>
  );
}

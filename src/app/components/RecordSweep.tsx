import { useEffect, useRef, useState } from 'react';
import { oneLine } from '../../core/errors';
import { downloadBlob } from './download';
import { filePrefix } from './export-naming';
import { recordSweep } from './sweep-recorder';
import './record-sweep.css';

/**
 * "Record sweep": a WebM video of the figure of the view card it sits in while λ sweeps across
 * the anchors, downloaded as `outputs-sweep.webm`. While it records: progress and Cancel.
 */
export function RecordSweep() {
  const start = useRef<HTMLButtonElement>(null);
  const recording = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [finished, setFinished] = useState(0);

  // Focus goes back to the button once a recording ends (the Cancel button it had is gone).
  useEffect(() => {
    if (finished) start.current?.focus();
  }, [finished]);

  const record = async () => {
    const card = start.current?.closest<HTMLElement>('.view-card');
    const figure = card?.querySelector('.plot-figure');
    if (!card || !figure) return;
    const view = { id: card.dataset.view ?? card.id, title: card.querySelector('h2')?.textContent ?? '' };
    const controller = new AbortController();
    recording.current = controller;
    setError(null);
    setProgress(0);
    try {
      const video = await recordSweep(figure, view, setProgress, controller.signal);
      if (video) downloadBlob(video, `${filePrefix(view.id)}-sweep.webm`);
    } catch (e) {
      setError(oneLine(e));
    } finally {
      recording.current = null;
      setProgress(null);
      setFinished((n) => n + 1);
    }
  };

  if (progress !== null) {
    return (
      <span className="record-sweep" data-testid="sweep-recording">
        <progress value={progress} max={1} aria-label="Recording the sweep" />
        <span role="status">Recording</span> <span aria-hidden="true">{Math.round(progress * 100)} %</span>
        {/* biome-ignore lint/a11y/noAutofocus: the Record button that had focus is replaced by this one */}
        <button type="button" autoFocus onClick={() => recording.current?.abort()}>
          Cancel recording
        </button>
      </span>
    );
  }
  return (
    <span className="record-sweep">
      <button type="button" ref={start} onClick={() => void record()} title="A WebM video of this view while λ sweeps from the first anchor to the last">
        Record sweep
      </button>
      {error && (
        <span role="alert" className="record-error">
          {error}
        </span>
      )}
    </span>
  );
}

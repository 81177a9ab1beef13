import { MAX_SAMPLES_PER_ANCHOR } from '../../core/data/subsample';
import { anchorValue } from './format';
import { parseFraction } from '../../core/data/reading';
import type { AnchorSet } from '../../core/data/types';
import { cancelUpload, subsampleUpload } from '../actions';
import { useUpload } from '../store/upload';
import type { ParseProgress } from '../worker/parse-protocol';
import './upload.css';

/** A count for people: 2.4 M, 21,000. */
function count(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toPrecision(2)} M` : n.toLocaleString('en-US');
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** How much of the parse (after reading) is done, 0 to 1, over the reader's steps. */
const parsed = (p: ParseProgress) => parseFraction(p.done, p.total, p.phase);

/**
 * "Reading mine.csv: 12.0 of 50.3 MB", "Parsing mine.csv: 1.2 M rows (45 %)", or with a reader of
 * several steps "Parsing mine.json: parsing JSON (0 %)", "Parsing mine.json: checking rows, 1.2 M rows (72 %)".
 */
function progressText(file: string, p: ParseProgress | null): string {
  if (!p) return `Reading ${file}…`;
  if (p.stage === 'reading') return `Reading ${file}: ${megabytes(p.done)} of ${megabytes(p.total)}`;
  const percent = `(${Math.floor(100 * parsed(p))} %)`;
  if (!p.phase || p.phase.steps === 1) return `Parsing ${file}: ${count(p.rows)} rows ${percent}`;
  return `Parsing ${file}: ${p.phase.label}${p.rows > 0 ? `, ${count(p.rows)} rows` : ''} ${percent}`;
}

/** "2.4 M rows in 3 anchors (λ = 0: 800,000, …): the explorer keeps at most 2,000 per anchor." */
function limitText(file: string, data: AnchorSet): string {
  const total = data.anchors.reduce((s, a) => s + a.n, 0);
  const perAnchor = data.anchors.map((a) => `λ = ${anchorValue(a.lambda)}: ${count(a.n)}`).join(', ');
  return `${file}: ${count(total)} rows in ${data.anchors.length} anchors (${perAnchor}): the explorer keeps at most ${count(MAX_SAMPLES_PER_ANCHOR)} per anchor.`;
}

/** The upload on its way in: progress with Cancel while the worker parses; the per-anchor limit's choice after. */
export function UploadStatus() {
  const upload = useUpload();
  if (upload.phase === 'parsing') {
    const p = upload.progress;
    // Reading is quick; the bar shows the parse, the larger part, once it starts.
    const fraction = !p ? 0 : p.stage === 'parsing' ? 0.1 + 0.9 * parsed(p) : (0.1 * p.done) / Math.max(1, p.total);
    return (
      <div className="upload-status" role="status" data-testid="upload-progress">
        <progress max={1} value={fraction} aria-label={`Loading ${upload.file}`} />
        <span>{progressText(upload.file, p)}</span>
        <button type="button" onClick={cancelUpload}>
          Cancel upload
        </button>
      </div>
    );
  }
  if (upload.phase === 'too-large') {
    return (
      <div className="upload-status upload-limit" role="alert" data-testid="upload-limit">
        <p>{limitText(upload.file, upload.data)} Subsample it? The current dataset stays until you choose.</p>
        <button type="button" onClick={subsampleUpload}>
          Subsample to {count(MAX_SAMPLES_PER_ANCHOR)} per anchor
        </button>
        <button type="button" onClick={cancelUpload}>
          Cancel
        </button>
      </div>
    );
  }
  return null;
}

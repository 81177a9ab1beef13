import { memo, useRef, useState, type DragEvent } from 'react';
import { ownDataName } from '../store/data-origin';
import { ANCHOR_FILE_EXTENSIONS } from '../../core/data/load';
import { sampleCounts } from '../../core/data/summary';
import type { AnchorSet } from '../../core/data/types';
import { dataWarnings } from '../../core/data/warnings';
import { PRESETS, PRESET_IDS } from '../../core/datasets/presets';
import { choosePreset, loadModelFile, saveModel, uploadFile } from '../actions';
import { useStore } from '../store/store';
import { ReplacedNotice } from './ReplacedNotice';
import { UploadStatus } from './UploadStatus';
import { anchorValue, asSentence } from './format';

/** Presets with their explanation, anchor upload (button or drop) and model save/load. */
export function DataPanel() {
  const preset = useStore((s) => s.settings.preset);
  const data = useStore((s) => s.data);
  const error = useStore((s) => s.uploadError);
  const state = useStore((s) => s.trainState);
  const [pending, setPending] = useState<File | null>(null);
  const [lambdas, setLambdas] = useState('');
  const [dimY, setDimY] = useState('2');
  const [over, setOver] = useState(false);
  const modelInput = useRef<HTMLInputElement>(null);

  const accept = async (file: File) => {
    const ext = file.name.toLowerCase().slice(file.name.lastIndexOf('.'));
    if (ext === '.npy' || ext === '.pt' || ext === '.pth') {
      // Arrays carry no column names: ask for the λ of each anchor and D first.
      setPending(file);
      return;
    }
    setPending(null);
    await uploadFile(file);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void accept(file);
  };

  const fromData = useStore(ownDataName) !== null;
  return (
    <section className="data-panel" id="data-panel" aria-label="Data">
      <label>
        Dataset
        <select value={fromData ? '' : preset} onChange={(e) => e.target.value && choosePreset(e.target.value as never)} aria-label="Built-in dataset">
          {fromData && <option value="">{data!.source}</option>}
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESETS[id].title}
            </option>
          ))}
        </select>
      </label>
      {!fromData && <p className="explanation">{PRESETS[preset].explanation}</p>}
      {data && (
        <p className="data-summary" data-testid="data-summary">
          {data.source}: {data.anchors.length} anchors at λ = {data.anchors.map((a) => anchorValue(a.lambda)).join(', ')}; D = {data.dimY};{' '}
          {data.condition.kind === 'class' ? `${data.condition.values.length} class${data.condition.values.length === 1 ? '' : 'es'}` : data.condition.kind === 'continuous' ? `${data.condition.dim} condition dim${data.condition.dim === 1 ? '' : 's'}` : 'no condition'}
          <br />
          <span data-testid="sample-counts">Samples: {sampleCounts(data)}</span>
        </p>
      )}
      {data && <DataWarnings data={data} />}
      <ReplacedNotice />
      <section
        aria-label="Drop an anchor file here"
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="file-button">
          Upload anchor data
          <input
            type="file"
            accept={ANCHOR_FILE_EXTENSIONS.join(',')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void accept(f);
              e.target.value = '';
            }}
          />
        </label>
        <span className="hint"> or drop a CSV, JSON, .npy or .pt file here</span>
      </section>
      <UploadStatus />
      {pending && (
        <form
          className="layout-form"
          onSubmit={async (e) => {
            e.preventDefault();
            const ls = lambdas.split(',').map((v) => Number(v.trim()));
            const ok = await uploadFile(pending, { lambdas: ls, dimY: Number(dimY), condition: 'auto' });
            if (ok) setPending(null);
          }}
        >
          <span>{pending.name} is an array [T, N, D+C]:</span>
          <label>
            λ of each anchor
            <input value={lambdas} onChange={(e) => setLambdas(e.target.value)} placeholder="0, 0.5, 1" aria-label="Lambda of each anchor" />
          </label>
          <label>
            Output dims D
            <input value={dimY} onChange={(e) => setDimY(e.target.value)} aria-label="Output dims D" size={3} />
          </label>
          <button type="submit">Load</button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error" data-testid="upload-error">
          {error}
        </p>
      )}
      <div className="model-files">
        <button type="button" onClick={() => void saveModel()} disabled={state === 'empty'}>
          Save model
        </button>
        <button type="button" onClick={() => modelInput.current?.click()}>
          Load model
        </button>
        <input
          ref={modelInput}
          type="file"
          accept=".json"
          hidden
          aria-label="Load model file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void loadModelFile(f);
            e.target.value = '';
          }}
        />
      </div>
    </section>
  );
}

/** What in the data is likely a mistake (anchors a hair apart, a near-empty anchor, columns in different units), as hti train warns. */
const DataWarnings = memo(function DataWarnings({ data }: { data: AnchorSet }) {
  const warnings = dataWarnings(data);
  if (warnings.length === 0) return null;
  return (
    <ul className="data-warnings" data-testid="data-warnings">
      {warnings.map((w) => (
        <li key={w}>{asSentence(w)}</li>
      ))}
    </ul>
  );
});

import { VARIANTS, type Variant } from '../../core/config';
import { changeSetting, extendedBudget, pause, reset, step, train } from '../actions';
import { SETTINGS_SCHEMA } from '../settings/schema';
import { useStore } from '../store/store';

const VARIANT_LABELS: Record<Variant, string> = {
  full: 'Full: learned metric − potential (K_θ − U)',
  metric: 'Learned metric only (K_θ)',
  euclidean: 'Euclidean straight lines (K_I)',
  'euclidean+potential': 'Euclidean − potential (K_I − U)',
  'fixed-metric': 'Fixed-eigenvalue metric',
  'fixed-metric+potential': 'Fixed-eigenvalue metric − potential',
};

function NumberSetting({ name, label, field }: { name: 'seed' | 'iterations' | 'bandwidth' | 'alpha'; label: string; field: string }) {
  const value = useStore((s) => s.settings[name]);
  return (
    <label>
      {label}
      <input
        type="number"
        defaultValue={value}
        key={value}
        step="any"
        aria-label={label}
        onBlur={(e) => {
          const parsed = SETTINGS_SCHEMA[name].parse(e.target.value);
          if (parsed === null) {
            e.target.setCustomValidity(`invalid ${field}`);
            e.target.reportValidity();
            return;
          }
          e.target.setCustomValidity('');
          if (parsed !== value) changeSetting(name, parsed as never);
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}

/** Train / Pause / Step / Reset and the settings; settings that change the model start a fresh one. */
export function Controls() {
  const state = useStore((s) => s.trainState);
  const variant = useStore((s) => s.settings.variant);
  const busy = state === 'training' || state === 'pretraining';
  const extended = useStore(extendedBudget);
  const total = useStore((s) => s.config?.iterations ?? s.settings.iterations);
  return (
    <section className="controls" aria-label="Training controls">
      <div className="buttons">
        <button
          type="button"
          onClick={train}
          disabled={busy || state === 'empty'}
          title={extended !== null ? `The budget of ${total} steps is used up: Train raises Iterations to ${extended} and trains on from the current weights` : 'Train up to the iteration count, from the current weights'}
        >
          Train
        </button>
        <button type="button" onClick={pause} disabled={!busy}>
          Pause
        </button>
        <button type="button" onClick={step} disabled={busy || state === 'empty'}>
          Step
        </button>
        <button type="button" onClick={reset} disabled={state === 'empty'}>
          Reset
        </button>
      </div>
      <label>
        Variant
        <select value={variant} onChange={(e) => changeSetting('variant', e.target.value as Variant)} aria-label="Variant">
          {VARIANTS.map((v) => (
            <option key={v} value={v}>
              {VARIANT_LABELS[v]}
            </option>
          ))}
        </select>
      </label>
      <NumberSetting name="iterations" label="Iterations" field="iteration count" />
      <NumberSetting name="seed" label="Seed" field="seed" />
      <NumberSetting name="bandwidth" label="Bandwidth h" field="bandwidth" />
      <NumberSetting name="alpha" label="Potential weight α" field="α" />
    </section>
  );
}

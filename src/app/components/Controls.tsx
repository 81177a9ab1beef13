import { VARIANTS, type Variant } from '../../core/config';
import { changeSetting, extendedBudget, pause, reset, step, train } from '../actions';
import { METHOD_REGISTRY, methodLabel } from '../../core/surrogate/methods';
import { NUMBER_CONTROLS, SETTINGS_SCHEMA, type NumericSetting } from '../settings/schema';
import { type AppState, useStore } from '../store/store';
import { formatValue } from './format';

function NumberSetting({ name, label, hint, auto }: { name: NumericSetting; label: string; hint: string; auto?: boolean }) {
  const value = useStore((s) => s.settings[name]);
  const resolved = useStore((s) => (auto ? autoText(s, name) : null));
  return (
    <label title={hint}>
      {label}
      <input
        type="number"
        defaultValue={value === 'auto' ? '' : value}
        key={value}
        step="any"
        placeholder={value === 'auto' ? (resolved === null ? 'auto' : `auto (${resolved})`) : undefined}
        aria-label={label}
        onBlur={(e) => {
          const parsed = SETTINGS_SCHEMA[name].parse(e.target.value);
          if (parsed === null) {
            e.target.setCustomValidity(`invalid ${label}`);
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

/**
 * What 'auto' chose for the installed model's setting `name`, as shown in its box; null where the
 * model did not ask for 'auto'. A bandwidth is only the potential's, so with no potential it is unused.
 */
function autoText(s: AppState, name: NumericSetting): string | null {
  const key = SETTINGS_SCHEMA[name].config;
  const resolved = s.modelResolved;
  if (!key || !resolved || !(key in resolved) || s.config?.[key] !== 'auto') return null;
  if (key === 'bandwidth' && resolved.alpha === 0) return 'unused';
  return formatValue(resolved[key as 'bandwidth' | 'alpha']);
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
        {/* presentation-hidden: only Train and Pause stay in presentation mode (presentation.css). */}
        <button type="button" className="presentation-hidden" onClick={step} disabled={busy || state === 'empty'}>
          Step
        </button>
        <button type="button" className="presentation-hidden" onClick={reset} disabled={state === 'empty'}>
          Reset
        </button>
      </div>
      <label>
        Variant
        <select value={variant} onChange={(e) => changeSetting('variant', e.target.value as Variant)} aria-label="Variant">
          {VARIANTS.map((v) => (
            <option key={v} value={v} title={METHOD_REGISTRY[v].description}>
              {methodLabel(v)}
            </option>
          ))}
        </select>
      </label>
      {NUMBER_CONTROLS.map((c) => (
        <NumberSetting key={c.name} {...c} />
      ))}
    </section>
  );
}

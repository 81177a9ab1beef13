import { useState } from 'react';
import { isRunning } from '../model-status';
import { VARIANTS, type Variant } from '../../core/config';
import { canTrain } from '../store/kept-picture';
import { changeSetting, extendedBudget, pause, reset, step, train } from '../actions';
import { METHOD_REGISTRY, methodLabel } from '../../core/surrogate/methods';
import { NUMBER_CONTROLS, SETTINGS_SCHEMA, type NumericSetting } from '../settings/schema';
import { type AppState, useStore } from '../store/store';
import { variantRunsAs } from '../variant-note';
import { formatValue } from './format';
import { CompactStatus } from './CompactStatus';

type NumberSettingProps = { name: NumericSetting; label: string; hint: string; auto?: boolean };

/** A number box; remounted (key) when its setting changes, which clears a stale error. */
function NumberSetting(props: NumberSettingProps) {
  const value = useStore((s) => s.settings[props.name]);
  return <NumberBox key={String(value)} {...props} value={value} />;
}

/**
 * A value that does not parse leaves the setting as it was and says so under the box, with what
 * the box accepts and the value still in effect, until the box holds a valid value again.
 */
function NumberBox({ name, label, hint, auto, value }: NumberSettingProps & { value: number | 'auto' }) {
  const resolved = useStore((s) => (auto ? autoText(s, name) : null));
  const [error, setError] = useState<string | null>(null);
  const errorId = `${name}-error`;
  return (
    <label title={hint}>
      {label}
      <input
        type="number"
        defaultValue={value === 'auto' ? '' : value}
        step="any"
        placeholder={value === 'auto' ? (resolved === null ? 'auto' : `auto (${resolved})`) : undefined}
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onBlur={(e) => {
          const field = SETTINGS_SCHEMA[name];
          // Text a number box cannot read ('1e') arrives as '', which an auto box would take as auto.
          const parsed = e.target.validity.badInput ? null : field.parse(e.target.value);
          if (parsed === null) {
            // A number box reads text it cannot parse as '' (badInput): say what was typed was not a number.
            const typed = e.target.validity.badInput ? 'that' : e.target.value === '' ? 'an empty box' : e.target.value;
            setError(`${label} must be ${field.parse.rule}; ${typed} is not. Still ${value === 'auto' ? 'auto' : formatValue(value)}.`);
            return;
          }
          setError(null);
          if (parsed !== value) changeSetting(name, parsed as never);
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      {error && (
        <span className="setting-error" id={errorId} role="alert" data-testid={`${name}-error`}>
          {error}
        </span>
      )}
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

/** Under the Variant box: what the installed model runs as where 'auto' switched off a part the variant's name promises. */
function VariantNote() {
  const note = useStore((s) => (s.config && s.config.variant === s.settings.variant ? variantRunsAs(s.config.variant, s.modelResolved) : null));
  return note ? (
    <p className="variant-note" data-testid="variant-note">
      {note}
    </p>
  ) : null;
}

/** Train / Pause / Step / Reset and the settings; settings that change the model start a fresh one. */
export function Controls() {
  const state = useStore((s) => s.trainState);
  const variant = useStore((s) => s.settings.variant);
  const busy = isRunning(state);
  // After a model that could not be built, nothing is installed to train: the status says why, and Reset or another setting builds again.
  const missing = useStore((s) => s.modelMissing);
  const runnable = useStore(canTrain);
  const noModelTitle = 'No model to train: the last one could not be built (the status says why). Change the variant or the data, or press Reset to try again.';
  const extended = useStore(extendedBudget);
  const total = useStore((s) => s.config?.iterations ?? s.settings.iterations);
  return (
    <section className="controls" id="training-controls" aria-label="Training controls">
      <div className="buttons">
        <button
          type="button"
          onClick={train}
          disabled={!runnable}
          title={missing ? noModelTitle : extended !== null ? `The budget of ${total} steps is used up: Train raises Iterations to ${extended} and trains on from the current weights` : 'Train up to the iteration count, from the current weights'}
        >
          Train
        </button>
        <button type="button" onClick={pause} disabled={!busy}>
          Pause
        </button>
        {/* presentation-hidden: only Train and Pause stay in presentation mode (presentation.css). */}
        <button
          type="button"
          className="presentation-hidden"
          onClick={step}
          disabled={!runnable}
          title={missing ? noModelTitle : extended !== null ? `The budget of ${total} steps is used up: Step raises Iterations to ${extended} and takes one step` : 'One training step from the current weights'}>
          Step
        </button>
        <button type="button" className="presentation-hidden" onClick={reset} disabled={state === 'empty'}>
          Reset
        </button>
        <CompactStatus className="presentation-status" testId="presentation-status" />
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
      <VariantNote />
      {NUMBER_CONTROLS.map((c) => (
        <NumberSetting key={c.name} {...c} />
      ))}
    </section>
  );
}

import { useStore } from '../store/store';
import { THEME_CHOICES, type ThemeChoice } from '../theme';
import './header-tools.css';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System / Light / Dark, remembered across visits (theme-sync.ts applies and stores the choice). */
export function ThemeToggle() {
  const choice = useStore((s) => s.themeChoice);
  const setChoice = useStore((s) => s.setThemeChoice);
  return (
    <fieldset className="theme-toggle">
      <legend>Theme</legend>
      {THEME_CHOICES.map((c) => (
        <label key={c}>
          <input type="radio" name="theme" value={c} checked={choice === c} onChange={() => setChoice(c)} />
          {LABELS[c]}
        </label>
      ))}
    </fieldset>
  );
}

import { useStore } from './store/store';
import { isThemeChoice, resolveTheme, type ThemeChoice } from './theme';

const STORAGE_KEY = 'hti-theme';

function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(v) ? v : 'system';
  } catch {
    return 'system'; // storage blocked (privacy settings): follow the system
  }
}

function remember(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered across visits; the choice still applies now.
  }
}

/**
 * Keeps `<html data-theme>` (which app.css's colours hang on) and the store's resolved theme
 * (which canvases draw with) in step with the remembered choice and the system's scheme.
 * Call once before the first render so the page never paints in the wrong theme.
 */
export function followTheme(): void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const theme = resolveTheme(useStore.getState().themeChoice, media.matches);
    document.documentElement.dataset.theme = theme;
    if (useStore.getState().theme !== theme) useStore.setState({ theme });
  };
  useStore.setState({ themeChoice: storedChoice() });
  apply();
  media.addEventListener('change', apply);
  useStore.subscribe((s, prev) => {
    if (s.themeChoice === prev.themeChoice) return;
    remember(s.themeChoice);
    apply();
  });
}

/** The colour theme: the system's, or forced light or dark (kept in localStorage, applied as html[data-theme]). */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const KEY = 'segexplain.theme';

export function storedTheme(storage: Pick<Storage, 'getItem'> = localStorage): ThemeChoice {
  const v = storage.getItem(KEY);
  return THEMES.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
}

/** Applies a choice to the document and remembers it; 'system' leaves prefers-color-scheme in charge. */
export function applyTheme(
  choice: ThemeChoice,
  root: HTMLElement = document.documentElement,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): void {
  if (choice === 'system') {
    delete root.dataset.theme;
    storage.removeItem(KEY);
  } else {
    root.dataset.theme = choice;
    storage.setItem(KEY, choice);
  }
}

/** The next choice of the toggle button: system → light → dark → system. */
export const nextTheme = (c: ThemeChoice): ThemeChoice => THEMES[(THEMES.indexOf(c) + 1) % THEMES.length] ?? 'system';

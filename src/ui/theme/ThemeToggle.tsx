import { useState } from 'react';
import { applyTheme, nextTheme, storedTheme, type ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };
const ICONS: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles the colour theme: the system's, light, dark. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(() => storedTheme());
  const onClick = () => {
    const next = nextTheme(choice);
    applyTheme(next);
    setChoice(next);
  };
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={LABELS[choice]}
      onClick={onClick}
      title={`${LABELS[choice]} (click for ${LABELS[nextTheme(choice)].toLowerCase()})`}
    >
      <span aria-hidden="true">{ICONS[choice]}</span> <span className="label">{LABELS[choice]}</span>
    </button>
  );
}

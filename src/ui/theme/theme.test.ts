import { describe, expect, it } from 'vitest';
import { applyTheme, nextTheme, storedTheme } from './theme';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('theme choice', () => {
  it('cycles system → light → dark → system', () => {
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'system']);
  });
  it('a forced theme is set on the root and remembered; system clears both', () => {
    const storage = memory();
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme('dark', root, storage);
    expect(root.dataset.theme).toBe('dark');
    expect(storedTheme(storage)).toBe('dark');
    applyTheme('system', root, storage);
    expect(root.dataset.theme).toBeUndefined();
    expect(storedTheme(storage)).toBe('system');
  });
  it('a stored value that is not a theme reads as system', () => {
    const storage = memory();
    storage.setItem('segexplain.theme', 'purple');
    expect(storedTheme(storage)).toBe('system');
  });
});

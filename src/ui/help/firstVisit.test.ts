import { describe, expect, it } from 'vitest';
import { HINT_DISMISSED_KEY, hintDismissed, linkHasRegion, rememberHintDismissed, showHintOnLoad } from './firstVisit';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('the first-visit hint', () => {
  it('shows on a first visit without a region, and not once dismissed or on a link with a region', () => {
    expect(showHintOnLoad(false, false)).toBe(true);
    expect(showHintOnLoad(true, false)).toBe(false);
    expect(showHintOnLoad(false, true)).toBe(false);
  });
  it('remembers a dismissal under its key', () => {
    const store = memory();
    expect(hintDismissed(store)).toBe(false);
    rememberHintDismissed(store);
    expect(store.data.get(HINT_DISMISSED_KEY)).toBe('1');
    expect(hintDismissed(store)).toBe(true);
  });
  it('survives a storage that throws (blocked by privacy settings)', () => {
    const blocked = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(hintDismissed(blocked)).toBe(false);
    expect(() => rememberHintDismissed(blocked)).not.toThrow();
    expect(hintDismissed(null)).toBe(false);
  });
  it('reads a region from a shared link', () => {
    expect(linkHasRegion('?model=unet&region=point%3A0.5000%2C0.5000')).toBe(true);
    expect(linkHasRegion('?model=unet&backend=wasm')).toBe(false);
  });
});

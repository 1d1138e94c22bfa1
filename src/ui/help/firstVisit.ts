/** localStorage key: set once the first-visit hint has been dismissed or a first region explained. */
export const HINT_DISMISSED_KEY = 'segexplain.hintDismissed';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const storage = (): Store | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings): the hint shows and simply is not remembered
  }
};

export function hintDismissed(store: Store | null = storage()): boolean {
  try {
    return store?.getItem(HINT_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberHintDismissed(store: Store | null = storage()): void {
  try {
    store?.setItem(HINT_DISMISSED_KEY, '1');
  } catch {
    // full or blocked storage: the hint comes back next visit, nothing worse
  }
}

/** Whether to show the hint on load: not once dismissed, and not on a link that already explains a region. */
export function showHintOnLoad(dismissed: boolean, regionOnLoad: boolean): boolean {
  return !dismissed && !regionOnLoad;
}

/** A shared link carries its region in the query. */
export const linkHasRegion = (search: string): boolean => new URLSearchParams(search).has('region');

import { create } from 'zustand';

/** The help sheets opened from anywhere (the header, the `?` key): at most one at a time. */
export type HelpSheet = 'howToRead' | 'shortcuts';

export const useHelpStore = create<{ sheet: HelpSheet | null }>(() => ({ sheet: null }));

export const openHelpSheet = (sheet: HelpSheet): void => useHelpStore.setState({ sheet });
export const closeHelpSheet = (): void => useHelpStore.setState({ sheet: null });

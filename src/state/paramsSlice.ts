import type { StateCreator } from 'zustand';
import { DEFAULT_PARAMS, type ViewParams } from './params';
import type { AppState } from './store';

export interface ParamsSlice {
  params: ViewParams;
  setParams: (patch: Partial<ViewParams>) => void;
  setRise: (patch: Partial<ViewParams['rise']>) => void;
}

export const createParamsSlice: StateCreator<AppState, [], [], ParamsSlice> = (set) => ({
  params: DEFAULT_PARAMS,
  setParams: (patch) => set((s) => ({ params: { ...s.params, ...patch } })),
  setRise: (patch) => set((s) => ({ params: { ...s.params, rise: { ...s.params.rise, ...patch } } })),
});

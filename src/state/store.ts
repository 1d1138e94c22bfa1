import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { createParamsSlice, type ParamsSlice } from './paramsSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createToolSlice, type ToolSlice } from './toolSlice';
import { createFaithfulnessSlice, type FaithfulnessSlice } from './faithfulnessSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type AppState = ParamsSlice & SessionSlice & ResultsSlice & ToolSlice & FaithfulnessSlice & ViewSlice;
export type AppStore = UseBoundStore<StoreApi<AppState>>;

/** A fresh store: the app makes one, tests make their own. */
export function createAppStore(): AppStore {
  return create<AppState>()((...a) => ({
    ...createParamsSlice(...a),
    ...createSessionSlice(...a),
    ...createResultsSlice(...a),
    ...createToolSlice(...a),
    ...createFaithfulnessSlice(...a),
    ...createViewSlice(...a),
  }));
}

export const useAppStore = createAppStore();

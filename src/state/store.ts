import { create } from 'zustand';
import { createParamsSlice, type ParamsSlice } from './paramsSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';

export type AppState = ParamsSlice & SessionSlice & ResultsSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createParamsSlice(...a),
  ...createSessionSlice(...a),
  ...createResultsSlice(...a),
}));

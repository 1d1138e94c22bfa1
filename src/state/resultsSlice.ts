import type { HeatMap } from '../worker/protocol';
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export type Method = 'gradcam' | 'xres' | 'rise';

/** A normalised heat map as the worker sends it. */
export type MapData = HeatMap;

export interface MethodResult {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  map: MapData | null;
  error: string | null;
  sufficiency: { dice: number; retained: number } | null;
  progress: { done: number; total: number } | null;
}

export interface ExplainedTarget {
  classIndex: number;
  regionPixels: number;
  layerShape: [number, number, number];
  window: [number, number];
}

export interface ResultsSlice {
  results: Record<Method, MethodResult>;
  target: ExplainedTarget | null;
  notices: { id: number; kind: 'error' | 'info'; text: string }[];
  setResult: (method: Method, patch: Partial<MethodResult>) => void;
  resetResults: () => void;
  setTarget: (t: ExplainedTarget | null) => void;
  notify: (kind: 'error' | 'info', text: string) => void;
  dismiss: (id: number) => void;
}

export const EMPTY_RESULT: MethodResult = { status: 'idle', map: null, error: null, sufficiency: null, progress: null };
const empty = (): Record<Method, MethodResult> => ({ gradcam: EMPTY_RESULT, xres: EMPTY_RESULT, rise: EMPTY_RESULT });
let noticeId = 0;

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  results: empty(),
  target: null,
  notices: [],
  setResult: (method, patch) => set((s) => ({ results: { ...s.results, [method]: { ...s.results[method], ...patch } } })),
  resetResults: () => set({ results: empty(), target: null }),
  setTarget: (target) => set({ target }),
  // The same message twice in a row is shown once.
  notify: (kind, text) =>
    set((s) => (s.notices.at(-1)?.text === text ? s : { notices: [...s.notices.slice(-4), { id: ++noticeId, kind, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

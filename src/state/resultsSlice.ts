import type { StateCreator } from 'zustand';
import type { JobExtent, SufficientRegions } from '../core/method';
import type { ExplainedTarget, HeatMap, MapMetrics, SufficiencyReading } from '../core/results';
import { METHOD_IDS, type MethodId } from '../methods/registry';
import { withNotice, type Notice, type NoticeKind, type NoticeOptions } from './notices';
import type { AppState } from './store';

export interface MethodResult {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  map: HeatMap | null;
  error: string | null;
  sufficiency: SufficiencyReading | null;
  /** metrics of the map that need no network run; null until computed for the current map */
  metrics: MapMetrics | null;
  progress: JobProgressView | null;
  /** a job that may stop early (RISE): masks used of N and the stability reached; null otherwise */
  extent: JobExtent | null;
  /** a job that looks for regions (MiSuRe): the sufficient region (outlined) and the minimal one; null otherwise */
  regions: SufficientRegions | null;
  /** how long the current map took, request to result on this thread, and what ran; null until done */
  runtime: MapRuntime | null;
}

/**
 * A map's time to compute, wall clock from request to result (waiting behind other work included): 'pass' = the
 * forward + backward pass every gradient method shares; 'recombined' = from the cached gradients, no network run;
 * 'job' = the method's own forward passes (Score-CAM, RISE).
 */
export interface MapRuntime {
  ms: number;
  kind: 'pass' | 'recombined' | 'job';
}

/** A running job's progress as the panel shows it. */
export interface JobProgressView {
  done: number;
  total: number;
  /** RISE: split-half stability at the last check */
  stability?: number;
  /** the units the job expects to use in all (RISE may stop before total) */
  expected?: number;
  /** wall time since the job started (ms) */
  elapsedMs?: number;
}

export interface ResultsSlice {
  results: Record<MethodId, MethodResult>;
  target: ExplainedTarget | null;
  notices: Notice[];
  setResult: (method: MethodId, patch: Partial<MethodResult>) => void;
  resetResults: () => void;
  setTarget: (t: ExplainedTarget | null) => void;
  notify: (kind: NoticeKind, text: string, options?: NoticeOptions) => void;
  dismiss: (id: number) => void;
}

/** What a finished job found beyond its map (RISE's extent, MiSuRe's regions), null where it found none. */
export function jobFindings(r: { extent?: JobExtent; regions?: SufficientRegions }) {
  return { extent: r.extent ?? null, regions: r.regions ?? null };
}

export const EMPTY_RESULT: MethodResult = {
  status: 'idle',
  map: null,
  error: null,
  sufficiency: null,
  metrics: null,
  progress: null,
  extent: null,
  regions: null,
  runtime: null,
};
const empty = () => Object.fromEntries(METHOD_IDS.map((id) => [id, EMPTY_RESULT])) as Record<MethodId, MethodResult>;
let noticeId = 0;

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  results: empty(),
  target: null,
  notices: [],
  setResult: (method, patch) =>
    set((s) => ({ results: { ...s.results, [method]: { ...s.results[method], ...patch } } })),
  resetResults: () => set({ results: empty(), target: null }),
  setTarget: (target) => set({ target }),
  notify: (kind, text, { action, topic = kind } = {}) =>
    set((s) => ({
      notices: withNotice(s.notices, { id: ++noticeId, kind, topic, text, ...(action ? { action } : {}) }),
    })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

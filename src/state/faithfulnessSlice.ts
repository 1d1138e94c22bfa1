import type { StateCreator } from 'zustand';
import type { ControlCurves } from '../core/controls';
import type { MethodCurves } from '../core/faithfulness';
import type { MethodId } from '../methods/registry';
import type { AppState } from './store';

/**
 * The Faithfulness view: open or closed, and the curves of the maps on screen. The curves always belong to the
 * current maps: any change of a map clears them (status 'waiting') until the curves job for the new maps is done.
 */
export interface FaithfulnessState {
  open: boolean;
  /** waiting: the maps on screen are not all done yet; the job starts when they are */
  status: 'idle' | 'waiting' | 'running' | 'done' | 'error' | 'cancelled';
  /** images scored so far, over all methods */
  progress: { done: number; total: number } | null;
  /** finished methods (grows while the job runs) */
  curves: Partial<Record<MethodId, MethodCurves>>;
  /** the controls measured with them (docs/METHOD.md, "Controls"; grows after the methods) */
  controls: ControlCurves<MethodId>;
  /** the threshold marked on the sufficiency curves */
  threshold: number | null;
  error: string | null;
}

export interface FaithfulnessSlice {
  faithfulness: FaithfulnessState;
  setFaithfulness: (patch: Partial<FaithfulnessState>) => void;
}

export const NO_CONTROLS: ControlCurves<MethodId> = { blurred: {} };

/** What a new or superseded curves job leaves: nothing measured yet. */
export const CLEARED_CURVES = {
  progress: null,
  curves: {},
  controls: NO_CONTROLS,
  threshold: null,
  error: null,
} as const satisfies Partial<FaithfulnessState>;

export const EMPTY_FAITHFULNESS: FaithfulnessState = {
  open: false,
  status: 'idle',
  progress: null,
  curves: {},
  controls: NO_CONTROLS,
  threshold: null,
  error: null,
};

export const createFaithfulnessSlice: StateCreator<AppState, [], [], FaithfulnessSlice> = (set) => ({
  faithfulness: EMPTY_FAITHFULNESS,
  setFaithfulness: (patch) => set((s) => ({ faithfulness: { ...s.faithfulness, ...patch } })),
});

import type { StateCreator } from 'zustand';
import type { ModelDescriptor } from '../worker/protocol';
import type { BackendName } from './params';
import type { AppState } from './store';

/** What the worker told us about the loaded model. */
export type ModelInfo = ModelDescriptor;

export interface LoadedImage {
  id: string;
  name: string;
  bitmap: ImageBitmap;
  /** the decoded size before any downscaling */
  originalSize: [number, number];
}

export interface SessionSlice {
  engine: { status: 'starting' | 'ready' | 'error'; backend: BackendName | null; fallbackReason: string | null; error: string | null };
  model: ModelInfo | null;
  image: LoadedImage | null;
  prediction: { labels: Uint8Array; size: [number, number] } | null;
  setEngine: (patch: Partial<SessionSlice['engine']>) => void;
  setModel: (model: ModelInfo) => void;
  setImage: (image: LoadedImage, prediction: SessionSlice['prediction']) => void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  engine: { status: 'starting', backend: null, fallbackReason: null, error: null },
  model: null,
  image: null,
  prediction: null,
  setEngine: (patch) => set((s) => ({ engine: { ...s.engine, ...patch } })),
  setModel: (model) => set({ model }),
  setImage: (image, prediction) => set({ image, prediction }),
});

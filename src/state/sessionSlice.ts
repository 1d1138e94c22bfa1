import type { StateCreator } from 'zustand';
import type { BackendName } from './params';
import type { AppState } from './store';

/** What the worker told us about itself and the loaded model (mirrors worker/protocol, kept free of imports). */
export interface ModelInfo {
  id: string;
  title: string;
  inputSize: [number, number];
  outputSize: [number, number];
  classes: { name: string; color: string }[];
  layers: { name: string; shape: [number, number, number]; label?: string }[];
  defaultLayer: string;
}

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

import type { StateCreator } from 'zustand';
import type { BackendName, WasmThreads } from '../core/kinds';
import type { ModelDescriptor } from '../core/modelInfo';
import type { ClickMode } from '../regions/registry';
import type { AppState } from './store';

export interface LoadedImage {
  /** a sample id, or 'upload' for the user's own image */
  id: string;
  name: string;
  bitmap: ImageBitmap;
  /** the decoded size before any downscaling */
  originalSize: [number, number];
}

export interface SessionSlice {
  engine: {
    status: 'starting' | 'ready' | 'error';
    backend: BackendName | null;
    fallbackReason: string | null;
    error: string | null;
    /** the GPU backend's renderer or adapter, and whether it runs on the CPU (for the backend badge) */
    renderer?: string | null;
    software?: boolean;
    /** wasm only: threads used, logical cores, and whether the page is cross-origin isolated */
    threads?: WasmThreads | null;
  };
  model: ModelDescriptor | null;
  image: LoadedImage | null;
  prediction: { labels: Uint8Array; size: [number, number] } | null;
  /** what the next click on the image selects */
  clickMode: ClickMode;
  setEngine: (patch: Partial<SessionSlice['engine']>) => void;
  setModel: (model: ModelDescriptor) => void;
  setImage: (image: LoadedImage, prediction: SessionSlice['prediction']) => void;
  setClickMode: (mode: ClickMode) => void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  engine: { status: 'starting', backend: null, fallbackReason: null, error: null },
  model: null,
  image: null,
  prediction: null,
  clickMode: 'point',
  setEngine: (patch) => set((s) => ({ engine: { ...s.engine, ...patch } })),
  setModel: (model) => set({ model }),
  setImage: (image, prediction) => set({ image, prediction }),
  setClickMode: (clickMode) => set({ clickMode }),
});

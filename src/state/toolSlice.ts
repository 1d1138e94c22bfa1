import type { StateCreator } from 'zustand';
import { quantizeRegion } from '../regions/codec';
import { areaOf, isDrawn, targetModeOf, wrapTarget, type AreaRegion, type TargetMode } from '../regions/edit';
import type { Region, Tool } from '../regions/registry';
import type { AppState } from './store';

export type { Tool };
export const BRUSH_SIZE = { min: 1, max: 20, default: 4 } as const;
const HISTORY = 100;

export interface ToolSlice {
  tool: Tool;
  /** brush radius in % of the image side */
  brushSize: number;
  /** drawn regions are used as drawn instead of ∩ the class */
  drawExact: boolean;
  targetMode: TargetMode;
  /** the second class of a contrastive target */
  versus: number;
  past: (Region | null)[];
  future: (Region | null)[];
  setTool: (tool: Tool) => void;
  setBrushSize: (size: number) => void;
  setDrawExact: (exact: boolean) => void;
  /** a new area from a click or a drawing, wrapped in the current target mode; undoable */
  setArea: (area: AreaRegion | null) => void;
  setTargetMode: (mode: TargetMode, versus?: number) => void;
  undo: () => void;
  redo: () => void;
}

export const createToolSlice: StateCreator<AppState, [], [], ToolSlice> = (set, get) => {
  /** Every region change made by the user goes through here, so it can be undone. */
  /** What a target that needs a point (a border of a drawn area) anchors on: the prediction on screen. */
  const prediction = () => {
    const p = get().prediction;
    return p ? { labels: p.labels, grid: { width: p.size[1], height: p.size[0] } } : null;
  };
  const commit = (region: Region | null) => {
    const s = get();
    if (region === s.params.region) return;
    set({ past: [...s.past.slice(-HISTORY + 1), s.params.region], future: [] });
    s.setParams({ region });
  };
  return {
    tool: 'point',
    brushSize: BRUSH_SIZE.default,
    drawExact: false,
    targetMode: 'region',
    versus: 0,
    past: [],
    future: [],
    setTool: (tool) => set({ tool }),
    setBrushSize: (size) => set({ brushSize: Math.min(BRUSH_SIZE.max, Math.max(BRUSH_SIZE.min, Math.round(size))) }),
    setDrawExact: (drawExact) => {
      set({ drawExact });
      const r = get().params.region;
      const area = r && areaOf(r);
      if (isDrawn(area)) {
        const next = { ...area, exact: drawExact };
        if (!drawExact) delete (next as { exact?: boolean }).exact;
        const versus = r?.kind === 'contrastive' ? r.versus : get().versus;
        commit(wrapTarget(next, targetModeOf(r as Region), versus, prediction()));
      }
    },
    setArea: (area) => {
      // A new area keeps the target mode of the region on screen (which may have come from a link).
      const current = get().params.region;
      const mode = current ? targetModeOf(current) : get().targetMode;
      const versus = current?.kind === 'contrastive' ? current.versus : get().versus;
      commit(area && wrapTarget(quantizeRegion(area), mode, versus, prediction()));
    },
    setTargetMode: (mode, versus) => {
      set({ targetMode: mode, ...(versus !== undefined ? { versus } : {}) });
      const r = get().params.region;
      if (r) commit(wrapTarget(areaOf(r), mode, get().versus, prediction()));
    },
    undo: () => {
      const s = get();
      if (!s.past.length) return;
      set({ past: s.past.slice(0, -1), future: [s.params.region, ...s.future] });
      s.setParams({ region: s.past.at(-1) ?? null });
    },
    redo: () => {
      const s = get();
      if (!s.future.length) return;
      set({ past: [...s.past, s.params.region], future: s.future.slice(1) });
      s.setParams({ region: s.future[0] ?? null });
    },
  };
};

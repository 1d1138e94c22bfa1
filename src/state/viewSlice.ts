import type { StateCreator } from 'zustand';
import type { Point } from '../core/region';
import { IDENTITY_VIEW, type ViewTransform } from '../core/view';
import { anyMeta, type MethodId } from '../methods/registry';
import type { DiffPair } from './params';
import type { AppState } from './store';

/** A panel with display settings: a method's, or the difference view's. */
export type PanelKey = MethodId | 'diff';

export interface PanelDisplay {
  /** the map's opacity over the image */
  alpha: number;
  /** the map alone, opaque, without the image under it */
  mapOnly: boolean;
}

export const DEFAULT_DISPLAY: Readonly<PanelDisplay> = { alpha: 0.7, mapOnly: false };
/** The difference starts on its own: its white (agreement) reads only on an opaque map. */
export const DEFAULT_DIFF_DISPLAY: Readonly<PanelDisplay> = { alpha: 0.7, mapOnly: true };

/**
 * The linked views: one zoom and pan for the image and every panel (the maths is render/viewTransform.ts), the image
 * point under the pointer (the crosshair on every view), and each panel's opacity and "map only" switch.
 */
export interface ViewSlice {
  viewTransform: ViewTransform;
  /** normalised image point under the pointer on any view; null when the pointer is on none */
  hoverPoint: Point | null;
  panelDisplay: Partial<Record<PanelKey, PanelDisplay>>;
  setViewTransform: (t: ViewTransform) => void;
  resetView: () => void;
  setHoverPoint: (p: Point | null) => void;
  setPanelDisplay: (key: PanelKey, patch: Partial<PanelDisplay>) => void;
}

const finite = (t: ViewTransform) =>
  Number.isFinite(t.scale) && t.scale > 0 && Number.isFinite(t.x) && Number.isFinite(t.y);

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  viewTransform: IDENTITY_VIEW,
  hoverPoint: null,
  panelDisplay: {},
  // Unchanged values keep the same object: a pointer move that changes nothing re-renders nothing.
  setViewTransform: (t) =>
    set((s) =>
      !finite(t) || (t.scale === s.viewTransform.scale && t.x === s.viewTransform.x && t.y === s.viewTransform.y)
        ? s
        : { viewTransform: { scale: t.scale, x: t.x, y: t.y } },
    ),
  resetView: () => set((s) => (s.viewTransform === IDENTITY_VIEW ? s : { viewTransform: IDENTITY_VIEW })),
  setHoverPoint: (p) =>
    set((s) =>
      p === s.hoverPoint || (p && s.hoverPoint && p.x === s.hoverPoint.x && p.y === s.hoverPoint.y)
        ? s
        : { hoverPoint: p && { x: p.x, y: p.y } },
    ),
  setPanelDisplay: (key, patch) =>
    set((s) => {
      const next = { ...displayOf(s, key), ...patch };
      next.alpha = Math.min(1, Math.max(0, Number.isFinite(next.alpha) ? next.alpha : DEFAULT_DISPLAY.alpha));
      return { panelDisplay: { ...s.panelDisplay, [key]: next } };
    }),
});

/** A panel's display settings, defaults until changed. */
export function displayOf(s: Pick<ViewSlice, 'panelDisplay'>, key: PanelKey): PanelDisplay {
  return s.panelDisplay[key] ?? (key === 'diff' ? DEFAULT_DIFF_DISPLAY : DEFAULT_DISPLAY);
}

/**
 * The two methods the difference view subtracts (A − B): the chosen pair while both are on screen, else the default
 * pair of the metas (`difference: 'a'` − `'b'`: Seg-XRes-CAM − Seg-Grad-CAM) when both are, else the second method on
 * screen minus the first; null with fewer than two.
 */
export function diffPair(methods: readonly MethodId[], chosen: DiffPair | null | undefined): DiffPair | null {
  if (chosen && chosen.a !== chosen.b && methods.includes(chosen.a) && methods.includes(chosen.b)) return chosen;
  const a = methods.find((id) => anyMeta(id).difference === 'a');
  const b = methods.find((id) => anyMeta(id).difference === 'b');
  if (a && b) return { a, b };
  const [first, second] = methods;
  return first && second ? { a: second, b: first } : null;
}

import { useRef, useState, type PointerEvent } from 'react';
import type { Point } from '../../core/region';
import type { Draft } from '../../render/overlay';
import { toImage } from '../../render/viewTransform';
import { drawnMask } from '../../core/rasterize';
import { areaOf, isEmptyMask, paintSegment, simplifyPolygon } from '../../state/regionEdit';
import { useAppStore } from '../../state/store';

/** Rounded as the share link writes coordinates, so a link reproduces exactly the same region. */
const q = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1e4) / 1e4;
/** Below this many pixels of pointer travel a press is a click, not a drag. */
const CLICK_SLOP = 4;

/**
 * Pointer drawing on the image for every tool (mouse, pen and touch alike): a click for the point tool, a drag for a
 * box, a freehand path for the lasso, strokes for the brush and the eraser. Returns the handlers and the draft.
 */
export function useDrawing() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const stroke = useRef<{
    start: Point;
    last: Point;
    startPx: [number, number];
    moved: boolean;
    mask?: Uint8Array;
    points?: Point[];
  } | null>(null);

  const at = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    // Through the shared zoom and pan: the image pixel under the pointer, not the canvas position.
    const p = toImage(useAppStore.getState().viewTransform, {
      x: (e.clientX - r.left) / r.width,
      y: (e.clientY - r.top) / r.height,
    });
    return { x: q(p.x), y: q(p.y) };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const s = useAppStore.getState();
    const p = at(e);
    const start = { start: p, last: p, startPx: [e.clientX, e.clientY] as [number, number], moved: false };
    if (s.tool === 'brush' || s.tool === 'eraser') {
      const mask = startMask(s.tool);
      if (!mask) return void (stroke.current = null);
      const grid = gridOf();
      paintSegment(mask, grid, p, p, radiusCells(), s.tool === 'brush' ? 1 : 0);
      stroke.current = { ...start, mask };
      setDraft({ kind: 'mask', mask, size: [grid.height, grid.width] });
    } else if (s.tool === 'lasso') {
      stroke.current = { ...start, points: [p] };
      setDraft({ kind: 'lasso', points: [p] });
    } else {
      stroke.current = start;
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const st = stroke.current;
    if (!st) return;
    const p = at(e);
    st.moved ||= Math.hypot(e.clientX - st.startPx[0], e.clientY - st.startPx[1]) > CLICK_SLOP;
    const tool = useAppStore.getState().tool;
    if (st.mask) {
      const grid = gridOf();
      paintSegment(st.mask, grid, st.last, p, radiusCells(), tool === 'brush' ? 1 : 0);
      setDraft({ kind: 'mask', mask: st.mask, size: [grid.height, grid.width] });
    } else if (st.points) {
      st.points.push(p);
      setDraft({ kind: 'lasso', points: [...st.points] });
    } else if (tool === 'box' && st.moved) {
      setDraft({ kind: 'box', x0: st.start.x, y0: st.start.y, x1: p.x, y1: p.y });
    }
    st.last = p;
  };

  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const st = stroke.current;
    stroke.current = null;
    setDraft(null);
    if (!st) return;
    const s = useAppStore.getState();
    const p = at(e);
    if (s.tool === 'point') return void (!st.moved && pick(p));
    if (s.tool === 'box') {
      if (st.moved) s.setArea(drawn({ kind: 'box', x0: st.start.x, y0: st.start.y, x1: p.x, y1: p.y }));
    } else if (s.tool === 'lasso') {
      const points = simplifyPolygon(st.points ?? []);
      if (points.length >= 3) s.setArea(drawn({ kind: 'polygon', points }));
    } else if (st.mask) {
      commitMask(st.mask, s.tool === 'eraser');
    }
  };

  return {
    draft,
    setDraft,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerCancel: () => {
        stroke.current = null;
        setDraft(null);
      },
    },
  };
}

/** A click with the point tool: the pixel, its blob or its class, as the Region menu says. */
export function pick(p: Point): void {
  const s = useAppStore.getState();
  s.setArea({ kind: s.clickMode, x: q(p.x), y: q(p.y) });
}

export function gridOf() {
  const [height, width] = useAppStore.getState().model?.outputSize ?? [256, 256];
  return { width, height };
}

export function radiusCells(): number {
  const s = useAppStore.getState();
  const grid = gridOf();
  return (s.brushSize / 100) * Math.max(grid.width, grid.height);
}

/** A drawn area with the "as drawn" switch applied. */
export function drawn<T extends { kind: 'box' | 'polygon' | 'brush' }>(area: T): T & { exact?: true } {
  return useAppStore.getState().drawExact ? { ...area, exact: true } : area;
}

/**
 * The mask a brush or eraser stroke starts from: the drawn area on screen; for the eraser on a click region, the
 * explained pixels M the engine reported (erasing then keeps exactly what is left).
 */
export function startMask(tool: 'brush' | 'eraser'): Uint8Array | null {
  const s = useAppStore.getState();
  const grid = gridOf();
  const area = s.params.region ? areaOf(s.params.region) : null;
  if (area && (area.kind === 'box' || area.kind === 'polygon' || area.kind === 'brush')) return drawnMask(area, grid);
  if (tool === 'eraser') {
    const t = s.target;
    if (!t || t.maskSize[0] !== grid.height || t.maskSize[1] !== grid.width) return null;
    return t.mask.slice();
  }
  return new Uint8Array(grid.width * grid.height);
}

/** Ends a brush or eraser stroke: the mask becomes the region; an eraser that empties it leaves an empty region. */
export function commitMask(mask: Uint8Array, erased: boolean): void {
  const s = useAppStore.getState();
  const grid = gridOf();
  const area = s.params.region ? areaOf(s.params.region) : null;
  // What the eraser leaves of a click region is already ∩ class: keep it as drawn.
  const exact =
    s.drawExact || (erased && !!area && (area.kind === 'point' || area.kind === 'component' || area.kind === 'class'));
  if (!erased && isEmptyMask(mask)) return;
  s.setArea({
    kind: 'brush',
    width: grid.width,
    height: grid.height,
    mask,
    ...(exact ? { exact: true as const } : {}),
  });
}

import { useRef, useState, type PointerEvent } from 'react';
import type { Draft } from '../../core/draft';
import type { Point } from '../../core/region';
import { areaOf, isClick, isDrawn } from '../../regions/edit';
import { OPS } from '../../regions/ops';
import { toolOf } from '../../regions/registry';
import type { GestureEvent, ToolEnv } from '../../regions/tool';
import { toImage } from '../../render/viewTransform';
import { useAppStore } from '../../state/store';

/** Rounded as the share link writes coordinates, so a link reproduces exactly the same region. */
const q = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1e4) / 1e4;
/** Below this many pixels of pointer travel a press is a click, not a drag. */
const CLICK_SLOP = 4;

/** What the active tool may read of the store (regions/tool.ts, ToolEnv). */
function toolEnv(): ToolEnv {
  const s = useAppStore.getState();
  const [height, width] = s.model?.outputSize ?? [256, 256];
  const grid = { width, height };
  const t = s.target;
  const onGrid = !!t && t.maskSize[0] === height && t.maskSize[1] === width;
  const area = s.params.region ? areaOf(s.params.region) : null;
  return {
    grid,
    radius: (s.brushSize / 100) * Math.max(width, height),
    exact: s.drawExact,
    drawn: () => (isDrawn(area) ? OPS.marked(area, grid) : null),
    clicked: isClick(area),
    explained: onGrid ? t.mask : null,
    clickMode: s.clickMode,
  };
}

/**
 * Feeds the active tool's gesture (src/regions/<kind>/tool.ts) from the pointer (mouse, pen and touch alike) and from
 * the keyboard (a cursor moved by the arrows; Enter is a press and a release there). Returns the draft to draw, the
 * pointer handlers, and `feed` for the keyboard.
 */
export function useGesture() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const machine = useRef<{ tool: string; state: unknown } | null>(null);
  const press = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  const feed = (event: GestureEvent) => {
    const s = useAppStore.getState();
    const tool = toolOf(s.tool);
    if (!tool) return;
    // A tool switch drops the gesture the previous tool had begun.
    if (machine.current?.tool !== tool.id) machine.current = { tool: tool.id, state: tool.idle };
    const step = tool.on(machine.current.state, event, toolEnv());
    machine.current.state = step.state;
    setDraft(step.draft);
    if (step.commit) s.setArea(step.commit);
  };

  const at = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    // Through the shared zoom and pan: the image pixel under the pointer, not the canvas position.
    const p = toImage(useAppStore.getState().viewTransform, {
      x: (e.clientX - r.left) / r.width,
      y: (e.clientY - r.top) / r.height,
    });
    return { x: q(p.x), y: q(p.y) };
  };

  const cancel = () => {
    press.current = null;
    feed({ type: 'cancel' });
  };

  const handlers = {
    onPointerDown: (e: PointerEvent<HTMLCanvasElement>) => {
      if (e.button !== 0) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      press.current = { x: e.clientX, y: e.clientY, moved: false };
      feed({ type: 'press', at: at(e) });
    },
    onPointerMove: (e: PointerEvent<HTMLCanvasElement>) => {
      const p = press.current;
      // Hovering draws a gesture under way (from a box's first corner, after a lasso's last vertex).
      if (!p) return feed({ type: 'hover', at: at(e) });
      p.moved ||= Math.hypot(e.clientX - p.x, e.clientY - p.y) > CLICK_SLOP;
      feed({ type: 'drag', at: at(e) });
    },
    onPointerUp: (e: PointerEvent<HTMLCanvasElement>) => {
      const p = press.current;
      press.current = null;
      if (p) feed({ type: 'release', at: at(e), moved: p.moved });
    },
    onPointerCancel: cancel,
  };

  return { draft, handlers, feed, cancel };
}

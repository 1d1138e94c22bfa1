import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Point } from '../../core/region';
import {
  clampView,
  isZoomed,
  panBy,
  toImage,
  wheelFactor,
  zoomAbout,
  type ViewTransform,
} from '../../render/viewTransform';
import { useAppStore } from '../../state/store';

export type Surface = 'image' | 'panel';

const KEY_ZOOM = 1.25;
const KEY_PAN = 0.1;
const CENTRE = { x: 0.5, y: 0.5 };

const view = () => useAppStore.getState().viewTransform;
const setView = (t: ViewTransform) => useAppStore.getState().setViewTransform(clampView(t));

/** Buttons and inputs inside a stage keep their own pointer behaviour. */
const isControl = (t: EventTarget) => t instanceof Element && !!t.closest('button, input, select, label');

/**
 * Zoom, pan and hover on one view, all into the shared view transform: Ctrl/⌘+wheel zooms about the pointer
 * (Shift+wheel pans),
 * two pointers pinch. A drag pans on a map panel; on the image a plain drag belongs to the region tools, so there only
 * the middle button, Alt+drag or a second finger (which cancels the stroke the first one began) pan and zoom.
 */
export function useViewGestures(surface: Surface, onDrawCancel?: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  /** client positions of the pointers down on this view, and which of them zoom and pan */
  const down = useRef(new Map<number, Point>());
  const owned = useRef(new Set<number>());

  const toView = (clientX: number, clientY: number): Point => {
    const r = ref.current?.getBoundingClientRect();
    return r && r.width > 0 && r.height > 0
      ? { x: (clientX - r.left) / r.width, y: (clientY - r.top) / r.height }
      : CENTRE;
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A native, non-passive listener: React's wheel handler cannot stop the page from scrolling.
    // Ctrl/⌘+wheel (a trackpad pinch arrives as one) zooms; a plain wheel scrolls the page, as in an embedded map.
    const onWheel = (e: WheelEvent) => {
      const r = el.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.height : 1;
      if (e.shiftKey && isZoomed(view())) {
        e.preventDefault();
        return setView(panBy(view(), { x: (-e.deltaX * unit) / r.width, y: (-e.deltaY * unit) / r.height }));
      }
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      setView(zoomAbout(view(), wheelFactor(e.deltaY, e.deltaMode, e.ctrlKey), toView(e.clientX, e.clientY)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const hover = (e: PointerEvent) => {
    const s = toView(e.clientX, e.clientY);
    const inside = s.x >= 0 && s.x <= 1 && s.y >= 0 && s.y <= 1;
    useAppStore.getState().setHoverPoint(inside ? toImage(view(), s) : null);
  };

  // Capture phase: on the image a view gesture must be claimed before the region tools see the press.
  const onPointerDownCapture = (e: PointerEvent<HTMLDivElement>) => {
    if (isControl(e.target)) return;
    down.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const second = down.current.size >= 2;
    if (surface === 'image' && !second && e.button === 0 && !e.altKey) return;
    e.stopPropagation();
    if (e.button === 1) e.preventDefault(); // no autoscroll
    if (surface === 'image' && second) onDrawCancel?.();
    for (const id of second ? down.current.keys() : [e.pointerId]) owned.current.add(id);
    // Capture keeps a drag going outside the view; a pointer the browser no longer tracks cannot be captured.
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // the gesture still works while the pointer stays over the view
    }
    if (e.pointerType === 'touch') hover(e);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const prev = down.current.get(e.pointerId);
    const next = { x: e.clientX, y: e.clientY };
    if (prev && owned.current.has(e.pointerId)) gesture(e.pointerId, prev, next);
    if (prev) down.current.set(e.pointerId, next);
    hover(e);
  };

  /** One owned pointer pans; two pinch (zoom about their midpoint, and pan with it). */
  const gesture = (id: number, prev: Point, next: Point) => {
    const r = ref.current?.getBoundingClientRect();
    if (!r || r.width === 0 || r.height === 0) return;
    const others = [...owned.current].filter((o) => o !== id && down.current.has(o));
    const other = others.length ? down.current.get(others[0] as number) : undefined;
    if (!other) return setView(panBy(view(), { x: (next.x - prev.x) / r.width, y: (next.y - prev.y) / r.height }));
    const d0 = Math.hypot(prev.x - other.x, prev.y - other.y);
    const d1 = Math.hypot(next.x - other.x, next.y - other.y);
    const m0 = toView((prev.x + other.x) / 2, (prev.y + other.y) / 2);
    const m1 = toView((next.x + other.x) / 2, (next.y + other.y) / 2);
    const zoomed = d0 > 0 ? zoomAbout(view(), d1 / d0, m0) : view();
    setView(panBy(zoomed, { x: m1.x - m0.x, y: m1.y - m0.y }));
  };

  const release = (e: PointerEvent<HTMLDivElement>) => {
    down.current.delete(e.pointerId);
    owned.current.delete(e.pointerId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isControl(e.target)) return;
    const t = view();
    const pan: Record<string, Point> = {
      ArrowLeft: { x: KEY_PAN, y: 0 },
      ArrowRight: { x: -KEY_PAN, y: 0 },
      ArrowUp: { x: 0, y: KEY_PAN },
      ArrowDown: { x: 0, y: -KEY_PAN },
    };
    let next: ViewTransform | null = null;
    if (e.key === '+' || e.key === '=') next = zoomAbout(t, KEY_ZOOM, CENTRE);
    else if (e.key === '-' || e.key === '_') next = zoomAbout(t, 1 / KEY_ZOOM, CENTRE);
    else if (e.key === '0') next = { scale: 1, x: 0, y: 0 };
    // On the image the arrows move the keyboard cursor; on a map they pan (only while zoomed: else the page scrolls).
    else if (surface === 'panel' && pan[e.key] && isZoomed(t)) next = panBy(t, pan[e.key] as Point);
    if (!next) return;
    e.preventDefault();
    setView(next);
  };

  return {
    ref,
    handlers: {
      onPointerDownCapture,
      onPointerMove,
      onPointerUp: release,
      onPointerCancel: release,
      onPointerLeave: () => useAppStore.getState().setHoverPoint(null),
      onKeyDown,
    },
  };
}

import { useLayoutEffect, useRef } from 'react';

/**
 * Runs `draw` on the canvas's 2-D context whenever its dependencies change. A layout effect: the new map is drawn
 * before the browser paints this commit, not one frame later (a slider's map lands in the next frame).
 */
export function useCanvas(draw: (ctx: CanvasRenderingContext2D) => void, deps: readonly unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) draw(ctx);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

/** Display size for an image of the given aspect inside a box of `maxSide`. */
export function displaySize(width: number, height: number, maxSide: number): [number, number] {
  const s = maxSide / Math.max(width, height);
  return [Math.round(width * s), Math.round(height * s)];
}

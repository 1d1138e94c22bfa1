import type { Draft } from '../core/draft';
import { colorize, colorizeLabels } from './colormap';
import { cachedOutline } from './outline';

export interface MapImage {
  data: Float32Array;
  size: [number, number];
}

/** One scratch canvas per size: a new canvas and context per draw cost more than the map's pixels (a slider step). */
const scratch = new Map<string, OffscreenCanvasRenderingContext2D>();

/** An RGBA buffer at its own resolution, ready to be scaled onto a display canvas (drawImage copies it at once). */
function bufferCanvas(rgba: Uint8ClampedArray, width: number, height: number): OffscreenCanvas {
  const key = `${width}x${height}`;
  let ctx = scratch.get(key);
  if (!ctx) {
    ctx = new OffscreenCanvas(width, height).getContext('2d') as OffscreenCanvasRenderingContext2D;
    scratch.set(key, ctx);
  }
  ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  return ctx.canvas;
}

/** The image, then optionally a heat map stretched over it with bilinear smoothing. */
export function drawHeatmap(
  ctx: CanvasRenderingContext2D,
  image: CanvasImageSource | null,
  map: MapImage | null,
  alpha: number,
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (image) ctx.drawImage(image, 0, 0, width, height);
  if (!map) return;
  const [h, w] = map.size;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bufferCanvas(colorize(map.data, alpha), w, h), 0, 0, width, height);
}

/** Segmentation labels over the image; nearest-neighbour scaling keeps class borders crisp. */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  labels: Uint8Array,
  size: [number, number],
  colors: readonly string[],
  opacity: number,
): void {
  const [h, w] = size;
  const { width, height } = ctx.canvas;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bufferCanvas(colorizeLabels(labels, colors, opacity), w, h), 0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
}

/** A ring marker at a normalised position (the clicked region). */
export function drawMarker(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  const { width, height } = ctx.canvas;
  const k = zoomOf(ctx);
  const r = Math.max(6, Math.min(width, height) / 40) / k;
  ctx.lineWidth = 3 / k;
  ctx.strokeStyle = '#000';
  ctx.beginPath();
  ctx.arc(x * width, y * height, r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = 1.5 / k;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}

/** The outline of a 0/1 mask on its grid, drawn along cell edges (dark under light, readable on any image). */
export function drawOutline(
  ctx: CanvasRenderingContext2D,
  mask: Uint8Array,
  size: readonly [number, number],
  color = '#fff',
): void {
  const [h, w] = size;
  const sx = ctx.canvas.width / w;
  const sy = ctx.canvas.height / h;
  const segments = cachedOutline(mask, size);
  const path = new Path2D();
  for (let i = 0; i < segments.length; i += 4) {
    path.moveTo(segments[i]! * sx, segments[i + 1]! * sy);
    path.lineTo(segments[i + 2]! * sx, segments[i + 3]! * sy);
  }
  const k = zoomOf(ctx);
  ctx.lineWidth = 3 / k;
  ctx.strokeStyle = '#000';
  ctx.stroke(path);
  ctx.lineWidth = 1.5 / k;
  ctx.strokeStyle = color;
  ctx.stroke(path);
}

/** A drawing in progress (core/draft.ts), as the region tools make it. */
export function drawDraft(ctx: CanvasRenderingContext2D, draft: Draft): void {
  const { width, height } = ctx.canvas;
  ctx.save();
  const k = zoomOf(ctx);
  ctx.setLineDash([6 / k, 4 / k]);
  ctx.lineWidth = 2 / k;
  ctx.strokeStyle = '#ffeb3b';
  ctx.fillStyle = '#ffeb3b33';
  if (draft.kind === 'box') {
    const [x, y] = [Math.min(draft.x0, draft.x1) * width, Math.min(draft.y0, draft.y1) * height];
    ctx.fillRect(x, y, Math.abs(draft.x1 - draft.x0) * width, Math.abs(draft.y1 - draft.y0) * height);
    ctx.strokeRect(x, y, Math.abs(draft.x1 - draft.x0) * width, Math.abs(draft.y1 - draft.y0) * height);
  } else if (draft.kind === 'lasso') {
    ctx.beginPath();
    draft.points.forEach((p, i) => (i ? ctx.lineTo(p.x * width, p.y * height) : ctx.moveTo(p.x * width, p.y * height)));
    ctx.stroke();
    ctx.fill('evenodd');
  } else {
    const [h, w] = draft.size;
    const rgba = new Uint8ClampedArray(w * h * 4);
    draft.mask.forEach((v, i) => v && rgba.set([255, 235, 59, 110], i * 4));
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(bufferCanvas(rgba, w, h), 0, 0, width, height);
  }
  ctx.restore();
}

/** The zoom of the canvas's current transform: strokes divide by it so lines keep their on-screen width when zoomed. */
function zoomOf(ctx: CanvasRenderingContext2D): number {
  // Optional call: a test double of the context may have no transform at all.
  const m = ctx.getTransform?.();
  return m ? Math.hypot(m.a, m.b) || 1 : 1;
}

/**
 * Starts a frame through a view matrix (see render/viewTransform canvasMatrix): the whole canvas cleared, then zoomed.
 */
export function beginView(
  ctx: CanvasRenderingContext2D,
  matrix: readonly [number, number, number, number, number, number],
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(...matrix);
}

/**
 * A coloured map (RGBA on its own grid) stretched over the canvas with bilinear smoothing; the image under it unless
 * `mapOnly`.
 */
export function drawMapLayer(
  ctx: CanvasRenderingContext2D,
  image: CanvasImageSource | null,
  rgba: Uint8ClampedArray | null,
  size: readonly [number, number],
  mapOnly: boolean,
): void {
  const { width, height } = ctx.canvas;
  if (image && !(mapOnly && rgba)) ctx.drawImage(image, 0, 0, width, height);
  if (!rgba) return;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bufferCanvas(rgba, size[1], size[0]), 0, 0, width, height);
}

import { colorize, colorizeLabels } from './colormap';

export interface MapImage {
  data: Float32Array;
  size: [number, number];
}

/** An RGBA buffer at its own resolution, ready to be scaled onto a display canvas. */
function bufferCanvas(rgba: Uint8ClampedArray, width: number, height: number): OffscreenCanvas {
  const c = new OffscreenCanvas(width, height);
  const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  return c;
}

/** The image, then optionally a heat map stretched over it with bilinear smoothing. */
export function drawHeatmap(ctx: CanvasRenderingContext2D, image: CanvasImageSource | null, map: MapImage | null, alpha: number): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (image) ctx.drawImage(image, 0, 0, width, height);
  if (!map) return;
  const [h, w] = map.size;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bufferCanvas(colorize(map.data, alpha), w, h), 0, 0, width, height);
}

/** Segmentation labels over the image; nearest-neighbour scaling keeps class borders crisp. */
export function drawLabels(ctx: CanvasRenderingContext2D, labels: Uint8Array, size: [number, number], colors: readonly string[], opacity: number): void {
  const [h, w] = size;
  const { width, height } = ctx.canvas;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bufferCanvas(colorizeLabels(labels, colors, opacity), w, h), 0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
}

/** A ring marker at a normalised position (the clicked region). */
export function drawMarker(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  const { width, height } = ctx.canvas;
  const r = Math.max(6, Math.min(width, height) / 40);
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#000';
  ctx.beginPath();
  ctx.arc(x * width, y * height, r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}

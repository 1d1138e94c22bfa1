import type { LoadedImage } from '../state/sessionSlice';

/** Longest side kept for display; a 20-megapixel photo is downscaled on decode, never held at full size. */
const MAX_DISPLAY_SIDE = 2048;
/** Longest side sent to the worker (the models take at most 256 px). */
const MAX_PIXELS_SIDE = 1024;

export interface DecodedImage {
  image: LoadedImage;
  pixels: { width: number; height: number; data: Uint8ClampedArray };
}

function fit(w: number, h: number, max: number): { resizeWidth: number; resizeHeight: number } | undefined {
  const scale = max / Math.max(w, h);
  if (scale >= 1) return undefined;
  return { resizeWidth: Math.max(1, Math.round(w * scale)), resizeHeight: Math.max(1, Math.round(h * scale)) };
}

/** Decodes an image blob off the main thread, downscaled as needed; throws a readable error when it can't. */
export async function decodeImage(blob: Blob, id: string, name: string): Promise<DecodedImage> {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(blob);
  } catch {
    throw new Error(`"${name}" could not be decoded as an image (is it a PNG, JPEG, WebP or GIF?).`);
  }
  const originalSize: [number, number] = [full.width, full.height];
  if (full.width < 8 || full.height < 8) {
    full.close();
    throw new Error(`"${name}" is too small (${originalSize.join('×')} px); images need at least 8×8 pixels.`);
  }
  const displayFit = fit(full.width, full.height, MAX_DISPLAY_SIDE);
  const bitmap = displayFit ? await createImageBitmap(full, { ...displayFit, resizeQuality: 'high' }) : full;
  const pf = fit(full.width, full.height, MAX_PIXELS_SIDE);
  const small = pf ? await createImageBitmap(full, { ...pf, resizeQuality: 'high' }) : full;
  const canvas = new OffscreenCanvas(small.width, small.height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.drawImage(small, 0, 0);
  const data = ctx.getImageData(0, 0, small.width, small.height).data;
  if (small !== full && small !== bitmap) small.close();
  if (full !== bitmap) full.close();
  return { image: { id, name, bitmap, originalSize }, pixels: { width: canvas.width, height: canvas.height, data } };
}

export async function fetchImage(url: string, id: string, name: string): Promise<DecodedImage> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not fetch ${url} (HTTP ${res.status}).`);
  return decodeImage(await res.blob(), id, name);
}

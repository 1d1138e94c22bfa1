import type { Pixels } from '../../core/modelInfo';

/** One image of a dataset run, with its ground-truth label map (class id per pixel, image grid) when known. */
export interface Scene {
  /** stable name: the record key and the shard assignment use it */
  id: string;
  pixels: Pixels;
  labels: Uint8Array | null;
}

/** Grayscale values (0..255, row-major) as the RGBA pixels the models' preprocessing takes. */
export function grayPixels(gray: ArrayLike<number>, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++)
    data.set([gray[i] as number, gray[i] as number, gray[i] as number, 255], i * 4);
  return { width, height, data };
}

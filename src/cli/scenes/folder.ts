// A user's images (PNG) with optional label masks (PNG of class ids: grayscale values or palette indices).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { PNG } from 'pngjs';
import type { Scene } from './scene';
import { UsageError } from '../usageError';

function readPng(file: string): PNG {
  try {
    return PNG.sync.read(readFileSync(file));
  } catch (e) {
    throw new UsageError(`${file} is not a readable PNG image (${(e as Error).message}).`);
  }
}

/** Class ids of a label mask: a palette PNG's indices, or a grayscale PNG's values. */
export function labelIds(png: PNG, file: string): Uint8Array {
  const { width, height, data } = png;
  const palette = (png as PNG & { palette?: number[][] }).palette;
  const out = new Uint8Array(width * height);
  const index = new Map<number, number>();
  if (palette) palette.forEach(([r, g, b, a], i) => index.has(pack(r, g, b, a)) || index.set(pack(r, g, b, a), i));
  for (let i = 0; i < out.length; i++) {
    const [r, g, b, a] = [data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3]] as number[];
    const id = palette ? index.get(pack(r, g, b, a)) : r === g && g === b ? r : undefined;
    if (id === undefined)
      throw new UsageError(`${file}: a label mask holds class ids as grayscale values or palette indices.`);
    out[i] = id as number;
  }
  return out;
}

const pack = (r = 0, g = 0, b = 0, a = 255) => ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;

/** The mask of an image: <masks>/<name>.png or <masks>/<name>-labels.png. */
function maskFile(masks: string, name: string): string | null {
  for (const f of [`${name}.png`, `${name}-labels.png`]) if (existsSync(join(masks, f))) return join(masks, f);
  return null;
}

/** Every PNG in the folder (sorted by name; *-labels.png left out), each with its mask when a masks folder is given. */
export function folderScenes(images: string, masks: string | null): Scene[] {
  for (const dir of [images, masks])
    if (dir !== null && (!existsSync(dir) || !statSync(dir).isDirectory()))
      throw new UsageError(`No such folder: ${dir}`);
  const files = readdirSync(images)
    .filter((f) => extname(f).toLowerCase() === '.png' && !f.endsWith('-labels.png'))
    .sort();
  if (!files.length) throw new UsageError(`No PNG image in ${images} (images are read as PNG).`);
  return files.map((f) => {
    const name = basename(f, extname(f));
    const png = readPng(join(images, f));
    const pixels = { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
    if (masks === null) return { id: name, pixels, labels: null };
    const file = maskFile(masks, name);
    if (!file)
      throw new UsageError(`Image ${f} has no label mask in ${masks} (looked for ${name}.png, ${name}-labels.png).`);
    const mask = readPng(file);
    if (mask.width !== png.width || mask.height !== png.height)
      throw new UsageError(`${file} is ${mask.width}×${mask.height}; its image is ${png.width}×${png.height}.`);
    return { id: name, pixels, labels: labelIds(mask, file) };
  });
}

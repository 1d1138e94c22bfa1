// The trained models' held-out scenes: the 64 committed test scenes (t10k items only), then scenes composed from
// their items by a seeded generator, so that a run may ask for more scenes than were committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { floodFill } from '../../regions/component/kind';
import { grayPixels, type Scene } from './scene';

export const HELD_OUT_DIR = 'scripts/testing/fixtures-trained';
const MIN_ITEM_PX = 40;
/** a new item may cover at most this many pixels of earlier ones (scripts/train/data.py's MAX_OVERLAP_PX) */
const MAX_OVERLAP_PX = 4;

interface HeldOut {
  width: number;
  height: number;
  images: Uint8Array[];
  labels: Uint8Array[];
}

interface Item {
  cls: number;
  rows: number;
  cols: number;
  /** the item's pixels and mask in its bounding box */
  gray: Uint8Array;
  mask: Uint8Array;
}

function readHeldOut(root: string): HeldOut {
  const dir = join(root, HELD_OUT_DIR);
  const meta = JSON.parse(readFileSync(join(dir, 'eval-scenes.json'), 'utf8')) as Record<string, number>;
  const { width, height, count } = meta as { width: number; height: number; count: number };
  const images = readFileSync(join(dir, 'eval-images.bin'));
  const labels = readFileSync(join(dir, 'eval-labels.bin'));
  const n = width * height;
  const slice = (b: Buffer, i: number) => new Uint8Array(b.subarray(i * n, (i + 1) * n));
  return {
    width,
    height,
    images: Array.from({ length: count }, (_, i) => slice(images, i)),
    labels: Array.from({ length: count }, (_, i) => slice(labels, i)),
  };
}

/** Every item (8-connected ground-truth blob of one class, ≥ 40 px) of the committed scenes, cut out. */
function itemsOf({ width, height, images, labels }: HeldOut): Item[] {
  const items: Item[] = [];
  images.forEach((img, s) => {
    const gt = labels[s] as Uint8Array;
    const seen = new Uint8Array(width * height);
    for (let p = 0; p < gt.length; p++) {
      const cls = gt[p] as number;
      if (!cls || seen[p]) continue;
      const blob = floodFill(gt, { width, height }, p % width, Math.floor(p / width), cls);
      let [r0, r1, c0, c1, n] = [height, -1, width, -1, 0];
      blob.forEach((v, i) => {
        if (!v) return;
        seen[i] = 1;
        n++;
        [r0, r1] = [Math.min(r0, Math.floor(i / width)), Math.max(r1, Math.floor(i / width))];
        [c0, c1] = [Math.min(c0, i % width), Math.max(c1, i % width)];
      });
      if (n < MIN_ITEM_PX) continue;
      const [rows, cols] = [r1 - r0 + 1, c1 - c0 + 1];
      const gray = new Uint8Array(rows * cols);
      const mask = new Uint8Array(rows * cols);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const i = (r + r0) * width + c + c0;
          [gray[r * cols + c], mask[r * cols + c]] = [img[i] as number, blob[i] as number];
        }
      items.push({ cls, rows, cols, gray, mask });
    }
  });
  return items;
}

/** A background: a committed scene with its items filled by the median of its own background. */
function background({ width, height, images, labels }: HeldOut, s: number): Uint8Array {
  const [img, gt] = [images[s] as Uint8Array, labels[s] as Uint8Array];
  const bg = Array.from(img.filter((_, i) => !gt[i])).sort((a, b) => a - b);
  const median = bg[bg.length >> 1] ?? 40;
  return Uint8Array.from({ length: width * height }, (_, i) => (gt[i] ? median : (img[i] as number)));
}

/** Scene k ≥ committed count: 2–4 items of the committed scenes, mirrored at random, placed with little overlap. */
function composed(data: HeldOut, items: Item[], seed: number, k: number): { gray: Uint8Array; gt: Uint8Array } {
  const rng = seedrandom(`segexplain-scenes:${seed}:${k}`);
  const { width, height } = data;
  const gray = background(data, Math.floor(rng() * data.images.length));
  const gt = new Uint8Array(width * height);
  const wanted = 2 + Math.floor(rng() * 3);
  for (let placed = 0, tries = 0; placed < wanted && tries < 4 * wanted; tries++) {
    const item = items[Math.floor(rng() * items.length)] as Item;
    const flip = rng() < 0.5;
    const [top, left] = [Math.floor(rng() * (height - item.rows + 1)), Math.floor(rng() * (width - item.cols + 1))];
    const cells: [number, number][] = [];
    for (let r = 0; r < item.rows; r++)
      for (let c = 0; c < item.cols; c++) {
        const j = r * item.cols + (flip ? item.cols - 1 - c : c);
        if (item.mask[j]) cells.push([(top + r) * width + left + c, item.gray[j] as number]);
      }
    if (cells.filter(([i]) => gt[i]).length > MAX_OVERLAP_PX) continue;
    for (const [i, v] of cells) [gray[i], gt[i]] = [v, item.cls];
    placed++;
  }
  return { gray, gt };
}

/**
 * Held-out scenes `first` … `first + count − 1`: indices below the committed count are the committed scenes
 * themselves; later ones are composed (the seed picks them; the committed ones do not depend on it).
 */
export function heldOutScenes(root: string, count: number, seed: number, first = 0): Scene[] {
  const data = readHeldOut(root);
  const items = itemsOf(data);
  return Array.from({ length: count }, (_, j) => {
    const k = first + j;
    const { gray, gt } =
      k < data.images.length
        ? { gray: data.images[k] as Uint8Array, gt: data.labels[k] as Uint8Array }
        : composed(data, items, seed, k);
    const id = k < data.images.length ? `heldout-${k}` : `composed-${seed}-${k}`;
    return { id, pixels: grayPixels(gray, data.width, data.height), labels: gt };
  });
}

/** How many scenes were committed (the rest are composed). */
export const committedCount = (root: string): number => readHeldOut(root).images.length;

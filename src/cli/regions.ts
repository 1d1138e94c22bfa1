// The regions a dataset run explains: each ground-truth item as a point, a box and the whole item, or a JSON list.
import { existsSync, readFileSync } from 'node:fs';
import { cellAt } from '../core/grid';
import { decodeRegion, encodeRegion } from '../regions/codec';
import { floodFill } from '../regions/component/kind';
import type { Region } from '../regions/registry';
import type { Scene } from './scenes/scene';
import { UsageError } from './usageError';

export const REGION_KINDS_FROM_MASKS = ['point', 'box', 'item'] as const;
/** items smaller than this (pixels of the label mask) are left out, as in the studies */
export const MIN_ITEM_PX = 40;

export interface RegionItem {
  /** unique within the scene: "item3-box", or "r2" for a listed region */
  key: string;
  /** point, box, item, or the listed region's kind */
  kind: string;
  region: Region;
  /** the class explained; null = the class predicted at the region */
  classIndex: number | null;
  /** the ground-truth item's box on the image grid, where its mass is measured (null without a label mask) */
  itemBox: Uint8Array | null;
}

const centre = (i: number, w: number, h: number) => ({ x: ((i % w) + 0.5) / w, y: (Math.floor(i / w) + 0.5) / h });

/** The regions of every ground-truth item (≥ 40 px): its pixel predicted as its class nearest its centroid, its box
 * and its pixels (a brush region, intersected with the predicted class as a drawn region is in the app). */
export function regionsFromMask(
  scene: Scene,
  prediction: { labels: Uint8Array; size: [number, number] },
  pick: { kinds: readonly string[]; items: number | null } = { kinds: REGION_KINDS_FROM_MASKS, items: null },
): RegionItem[] {
  const gt = scene.labels;
  if (!gt) return [];
  const { width: w, height: h } = scene.pixels;
  const [ph, pw] = prediction.size;
  const seen = new Uint8Array(w * h);
  const found: { size: number; regions: RegionItem[] }[] = [];
  for (let s = 0; s < w * h; s++) {
    const cls = gt[s] as number;
    if (!cls || seen[s]) continue;
    const item = floodFill(gt, { width: w, height: h }, s % w, Math.floor(s / w), cls);
    let [count, sr, sc, r0, r1, c0, c1] = [0, 0, 0, h, -1, w, -1];
    item.forEach((v, i) => {
      if (!v) return;
      seen[i] = 1;
      const [r, c] = [Math.floor(i / w), i % w];
      [count, sr, sc] = [count + 1, sr + r, sc + c];
      [r0, r1, c0, c1] = [Math.min(r0, r), Math.max(r1, r), Math.min(c0, c), Math.max(c1, c)];
    });
    if (count < MIN_ITEM_PX) continue;
    const predicted = (i: number) => prediction.labels[cellAt(centre(i, w, h), { width: pw, height: ph })] === cls;
    let [best, bestD, anyBest, anyD] = [-1, Infinity, -1, Infinity];
    item.forEach((v, i) => {
      if (!v) return;
      const d = Math.hypot(Math.floor(i / w) - sr / count, (i % w) - sc / count);
      if (d < anyD) [anyBest, anyD] = [i, d];
      if (predicted(i) && d < bestD) [best, bestD] = [i, d];
    });
    const itemBox = Uint8Array.from({ length: w * h }, (_, i) => {
      const [r, c] = [Math.floor(i / w), i % w];
      return r >= r0 && r <= r1 && c >= c0 && c <= c1 ? 1 : 0;
    });
    const [a, b] = [centre(r0 * w + c0, w, h), centre(r1 * w + c1, w, h)];
    const base = { classIndex: cls, itemBox };
    const n = found.length;
    const regions: RegionItem[] = [
      {
        key: `item${n}-point`,
        kind: 'point',
        region: { kind: 'point', ...centre(best >= 0 ? best : anyBest, w, h) },
        ...base,
      },
      { key: `item${n}-box`, kind: 'box', region: { kind: 'box', x0: a.x, y0: a.y, x1: b.x, y1: b.y }, ...base },
      { key: `item${n}-item`, kind: 'item', region: { kind: 'brush', width: w, height: h, mask: item }, ...base },
    ];
    found.push({ size: count, regions });
  }
  // The largest items first when only some are wanted (ties: scan order), then back in scan order.
  const kept = pick.items === null ? found : [...found].sort((a, b) => b.size - a.size).slice(0, pick.items);
  return found.filter((f) => kept.includes(f)).flatMap((f) => f.regions.filter((r) => pick.kinds.includes(r.kind)));
}

interface ListedRegion {
  image: string;
  region: string;
  class?: number;
}

/** A JSON list of regions: [{ "image": "<scene id>", "region": "<as in a link, e.g. box:0.1,0.2,0.5,0.6>",
 * "class": 3 }]; "class" left out = the class predicted at the region. */
export function listedRegions(file: string): Map<string, RegionItem[]> {
  if (!existsSync(file)) throw new UsageError(`No such regions file: ${file}`);
  let list: unknown;
  try {
    list = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${(e as Error).message}).`);
  }
  if (!Array.isArray(list)) throw new UsageError(`${file} must hold a JSON array of { image, region, class? }.`);
  const byScene = new Map<string, RegionItem[]>();
  (list as ListedRegion[]).forEach((entry, i) => {
    const warnings: string[] = [];
    const region =
      typeof entry?.region === 'string'
        ? decodeRegion(
            entry.region,
            (m) => warnings.push(m),
            (r) => r,
          )
        : null;
    if (!region || typeof entry.image !== 'string')
      throw new UsageError(
        `${file}, entry ${i}: needs "image" and a "region" as a link writes it. ${warnings.join(' ')}`,
      );
    const cls = entry.class;
    if (cls !== undefined && !(Number.isInteger(cls) && cls >= 0 && cls <= 255))
      throw new UsageError(`${file}, entry ${i}: "class" must be an integer 0–255.`);
    const items = byScene.get(entry.image) ?? [];
    items.push({ key: `r${i}`, kind: region.kind, region, classIndex: cls ?? null, itemBox: null });
    byScene.set(entry.image, items);
  });
  return byScene;
}

/** The region as a link writes it (null for one a link cannot carry). */
export const regionCode = (r: Region): string | null => encodeRegion(r);

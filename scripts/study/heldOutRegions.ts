// Regions of the held-out scenes the studies measure on: every item as a click, its predicted blob and its box.
import { floodFill } from '../../src/regions/component/kind';

export interface StudyRegion {
  kind: 'point' | 'component' | 'box';
  classIndex: number;
  region: Uint8Array;
  /** where relevance mass is measured: the item's box (ground truth for the trained models) */
  box: Uint8Array;
}

export const boxMask = (w: number, h: number, [r0, r1, c0, c1]: number[]) =>
  Uint8Array.from({ length: w * h }, (_, i) => {
    const [r, c] = [Math.floor(i / w), i % w];
    return r >= (r0 as number) && r <= (r1 as number) && c >= (c0 as number) && c <= (c1 as number) ? 1 : 0;
  });

/** Items of a held-out scene (ground-truth components of one class, ≥ 40 px): a click, its blob, its box. */
export function sceneRegions(gt: Uint8Array, pred: Uint8Array, w: number, h: number): StudyRegion[] {
  const out: StudyRegion[] = [];
  const seen = new Uint8Array(w * h);
  for (let s = 0; s < w * h; s++) {
    const cls = gt[s] as number;
    if (!cls || seen[s]) continue;
    const item = floodFill(gt, { width: w, height: h }, s % w, Math.floor(s / w), cls);
    let [n, sr, sc, r0, r1, c0, c1] = [0, 0, 0, h, -1, w, -1];
    item.forEach((v, i) => {
      if (!v) return;
      seen[i] = 1;
      const [r, c] = [Math.floor(i / w), i % w];
      [n, sr, sc] = [n + 1, sr + r, sc + c];
      [r0, r1, c0, c1] = [Math.min(r0, r), Math.max(r1, r), Math.min(c0, c), Math.max(c1, c)];
    });
    if (n < 40) continue;
    // The click: the pixel of the item predicted as its class nearest the item's centroid.
    let [best, bestD] = [-1, Infinity];
    item.forEach((v, i) => {
      const d = Math.hypot(Math.floor(i / w) - sr / n, (i % w) - sc / n);
      if (v && pred[i] === cls && d < bestD) [best, bestD] = [i, d];
    });
    if (best < 0) continue;
    const box = boxMask(w, h, [r0, r1, c0, c1]);
    const point = new Uint8Array(w * h);
    point[best] = 1;
    out.push({ kind: 'point', classIndex: cls, region: point, box });
    out.push({
      kind: 'component',
      classIndex: cls,
      region: floodFill(pred, { width: w, height: h }, best % w, Math.floor(best / w), cls),
      box,
    });
    out.push({ kind: 'box', classIndex: cls, region: box, box });
  }
  return out;
}

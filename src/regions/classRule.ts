import { cellCentre, type Grid } from '../core/grid';
import type { Point } from '../core/region';
import { kindFor, OPS } from './ops';
import type { Region } from './registry';

/**
 * The one rule for a region's class when none is chosen: the class most of the marked pixels predict (the clicked
 * pixel of a click, the drawn pixels of a drawing). Background (0) only wins when nothing else is marked, so a loop
 * drawn around an object, which takes in background all round it, explains the object.
 */
export function predictedClass(marked: Uint8Array, labels: Uint8Array, numClasses: number): number {
  const counts = new Array<number>(numClasses).fill(0);
  // A plain loop: a callback per cell costs ~1 ms a click at 96² in code not yet optimised.
  for (let i = 0; i < marked.length; i++) {
    const l = labels[i]!;
    if (marked[i] && l < numClasses) counts[l]!++;
  }
  const best = counts.slice(1).reduce((b, n, i) => (n > (counts[b] ?? 0) ? i + 1 : b), 1);
  return (counts[best] ?? 0) > 0 ? best : 0;
}

/** The class a region explains when none is chosen, by that rule. */
export function regionClass(region: Region, labels: Uint8Array, grid: Grid, numClasses: number): number {
  return predictedClass(OPS.marked(region, grid), labels, numClasses);
}

/** Where the explained class came from, in the read-out's words: chosen, at the click, or most drawn pixels. */
export function classFromWords(region: Region, chosen: boolean): string {
  if (chosen) return 'the class chosen under Class';
  let r: Region = region;
  for (let k = kindFor(r); k.inner; k = kindFor(r)) r = k.inner(r);
  return kindFor(r).classFrom ?? '';
}

/**
 * Where a region is anchored, for a target that needs a clicked point (the border of a drawn area): a click's point;
 * for a drawing, the marked cell of its class (by the rule above; any marked cell without a prediction) nearest the
 * centre of those cells.
 */
export function anchorOf(region: Region, grid: Grid, labels: Uint8Array | null): Point {
  if (kindFor(region).role === 'click' && 'x' in region) return { x: region.x, y: region.y };
  const marked = OPS.marked(region, grid);
  const cls = labels ? predictedClass(marked, labels, 256) : null;
  const cells: number[] = [];
  marked.forEach((v, i) => v && (cls === null || labels?.[i] === cls) && cells.push(i));
  if (!cells.length) marked.forEach((v, i) => v && cells.push(i));
  if (!cells.length) return { x: 0.5, y: 0.5 };
  const points = cells.map((i) => cellCentre(i, grid));
  const mean = (f: (p: Point) => number) => points.reduce((s, p) => s + f(p), 0) / points.length;
  const [cx, cy] = [mean((p) => p.x), mean((p) => p.y)];
  const dist = (p: Point) => (p.x - cx) ** 2 + (p.y - cy) ** 2;
  return points.reduce((best, p) => (dist(p) < dist(best) ? p : best));
}

import { cellAt, type Grid } from '../core/grid';
import type { Point } from '../core/region';
import { decodeCoordinates, fixed, quantizePoint } from './coordinates';
import type { RegionKind, TargetEnv } from './kind';

/** A click region: the pixel, the connected blob of its class, or the whole class, grown from a clicked point. */
export type ClickRegionOf<K extends string> = { kind: K } & Point;

/** The clicked pixel alone: what picks a click region's class. */
export function clickedCell(p: Point, grid: Grid): Uint8Array {
  const mask = new Uint8Array(grid.width * grid.height);
  mask[cellAt(p, grid)] = 1;
  return mask;
}

/** The parts every click kind shares: its marked pixel, its link text "kind:x,y", its quantisation. */
export function clickKind<K extends string>(
  kind: K,
  mask: (region: ClickRegionOf<K>, cls: number, env: TargetEnv) => Uint8Array,
  describe: (region: ClickRegionOf<K>) => string,
  words: { noun: string; menu: string },
): RegionKind<ClickRegionOf<K>> {
  return {
    kind,
    role: 'click',
    ...words,
    marked: (r, grid) => clickedCell(r, grid),
    target: (r, cls, env) => {
      const m = mask(r, cls, env);
      return { mask: m, channels: [{ cls, weights: m }], removed: 0 };
    },
    encode: (r) => `${fixed(r.x)},${fixed(r.y)}`,
    decode: (body, d) => {
      const v = decodeCoordinates(body, d, (n) => n === 2, 'x,y');
      return v ? { kind, x: v[0] as number, y: v[1] as number } : null;
    },
    quantize: (r) => ({ ...r, ...quantizePoint(r) }),
    describe,
    classFrom: 'the class predicted at the click',
  };
}

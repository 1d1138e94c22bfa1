import { isOneOf } from '../core/kinds';
import { CLICK_MODES, type ContrastiveRegion, type Point, type Region } from '../core/region';
import { decodeMask, encodeMask } from './maskCode';

/**
 * Regions in share links, coordinates normalised to the image with 4 decimals:
 *   point|component|class:x,y      box:x0,y0,x1,y1      polygon:x,y,x,y,…  (3 to 256 vertices)
 *   brush:WxH:<run-length code>    (the mask on the model's output grid, see maskCode.ts)
 *   border:component:x,y | border:class:x,y          contrastive:<class c′>:<any region above but a border>
 * A drawn region used as drawn (not ∩ class) ends in "!".
 */
export const REGION_DECIMALS = 4;
export const MAX_VERTICES = 256;
const MAX_GRID = 1024;
/** Plain decimal only: rejects exponents (1e999), hex (0x10), Infinity, NaN, '' and trailing garbage. */
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function parsePlainNumber(raw: string): number | null {
  if (!PLAIN_DECIMAL.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
const SHAPES = ['box', 'polygon'] as const;

const round = (v: number) => Number(v.toFixed(REGION_DECIMALS));
/** Math.max(-0, 0) is +0, so a rounded -0 never leaks out. */
export const toCoordinate = (v: number): number => Math.min(Math.max(round(v), 0), 1);
const fixed = (v: number) => toCoordinate(v).toFixed(REGION_DECIMALS);

export function encodeRegion(region: Region): string | null {
  const bang = 'exact' in region && region.exact ? '!' : '';
  switch (region.kind) {
    case 'point':
    case 'component':
    case 'class':
      return `${region.kind}:${fixed(region.x)},${fixed(region.y)}`;
    case 'box':
      return `box:${[region.x0, region.y0, region.x1, region.y1].map(fixed).join(',')}${bang}`;
    case 'polygon':
      return `polygon:${region.points.flatMap((p) => [fixed(p.x), fixed(p.y)]).join(',')}${bang}`;
    case 'brush':
      return `brush:${region.width}x${region.height}:${encodeMask(region.mask)}${bang}`;
    case 'border':
      return `border:${encodeRegion(region.zone)}`;
    case 'contrastive':
      return `contrastive:${region.versus}:${encodeRegion(region.area)}`;
  }
}

/** Decodes a region or returns null with a warning; clamped coordinates are kept with a warning. */
export function decodeRegion(
  raw: string,
  warn: (message: string) => void,
  show: (raw: string) => string,
): Region | null {
  const colon = raw.indexOf(':');
  const kind = raw.slice(0, colon);
  if (kind === 'brush') return decodeBrush(raw, warn, show);
  if (kind === 'border' || kind === 'contrastive') return decodeTarget(kind, raw.slice(colon + 1), raw, warn, show);
  const exact = raw.endsWith('!');
  const body = raw.slice(colon + 1, exact ? -1 : undefined);
  const numbers = body.split(',').map(parsePlainNumber);
  if (colon < 0 || numbers.some((n) => n === null)) {
    warn(`Region (region) ${show(raw)} is not kind:x,y with numeric coordinates: ignored.`);
    return null;
  }
  const values = numbers as number[];
  const clamped = values.map(toCoordinate);
  const region = build(kind, clamped, exact);
  if (!region) {
    const expected = isOneOf(kind, CLICK_MODES)
      ? 'x,y'
      : kind === 'box'
        ? 'x0,y0,x1,y1'
        : kind === 'polygon'
          ? `3 to ${MAX_VERTICES} x,y pairs`
          : null;
    warn(
      expected
        ? `Region (region) ${show(raw)} needs ${expected}: ignored.`
        : `Region (region) kind ${show(kind)} is not one of ${[...CLICK_MODES, ...SHAPES, 'brush', 'border', 'contrastive'].join(', ')}: ignored.`,
    );
    return null;
  }
  if (clamped.some((v, i) => v !== round(values[i] as number)))
    warn(`Region (region) ${show(raw)} clamped to ${clamped.join(',')}.`);
  return region;
}

function build(kind: string, v: number[], exact: boolean): Region | null {
  const [a, b, c, d] = v as [number, number, number, number];
  if (isOneOf(kind, CLICK_MODES)) return v.length === 2 && !exact ? { kind, x: a, y: b } : null;
  if (kind === 'box') return v.length === 4 ? { kind, x0: a, y0: b, x1: c, y1: d, ...(exact ? { exact } : {}) } : null;
  if (kind === 'polygon' && v.length % 2 === 0 && v.length >= 6 && v.length <= 2 * MAX_VERTICES) {
    const points: Point[] = [];
    for (let i = 0; i < v.length; i += 2) points.push({ x: v[i] as number, y: v[i + 1] as number });
    return { kind, points, ...(exact ? { exact } : {}) };
  }
  return null;
}

function decodeBrush(raw: string, warn: (message: string) => void, show: (raw: string) => string): Region | null {
  const exact = raw.endsWith('!');
  const m = /^brush:(\d{1,4})x(\d{1,4}):([A-Za-z0-9_-]*)$/.exec(exact ? raw.slice(0, -1) : raw);
  const [width, height] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  const mask =
    m && width >= 1 && height >= 1 && width <= MAX_GRID && height <= MAX_GRID
      ? decodeMask(m[3] ?? '', width * height)
      : null;
  if (!mask) {
    warn(`Region (region) ${show(raw)} is not a valid brush mask (brush:WxH:code): ignored.`);
    return null;
  }
  return { kind: 'brush', width, height, mask, ...(exact ? { exact } : {}) };
}

function decodeTarget(
  kind: 'border' | 'contrastive',
  rest: string,
  raw: string,
  warn: (message: string) => void,
  show: (raw: string) => string,
): Region | null {
  const fail = (why: string) => {
    warn(`Region (region) ${show(raw)} ${why}: ignored.`);
    return null;
  };
  if (kind === 'border') {
    const zone = decodeRegion(rest, () => undefined, show);
    if (!zone || (zone.kind !== 'component' && zone.kind !== 'class'))
      return fail('needs border:component:x,y or border:class:x,y');
    return { kind, zone };
  }
  const colon = rest.indexOf(':');
  const versus = Number(rest.slice(0, colon));
  if (colon < 1 || !/^\d{1,3}$/.test(rest.slice(0, colon)) || versus > 255)
    return fail('needs contrastive:<class>:<region>');
  const area = decodeRegion(rest.slice(colon + 1), () => undefined, show);
  if (!area || area.kind === 'border' || area.kind === 'contrastive')
    return fail('needs a point, blob, class, box, polygon or brush region after the class');
  return { kind, versus, area } satisfies ContrastiveRegion;
}

/** The region as a link would bring it back: coordinates at link precision, so a link reproduces it exactly. */
export function quantizeRegion<R extends Region>(region: R): R {
  const p = (pt: Point): Point => ({ x: toCoordinate(pt.x), y: toCoordinate(pt.y) });
  const r = region as Region;
  switch (r.kind) {
    case 'point':
    case 'component':
    case 'class':
      return { ...r, ...p(r) } as R;
    case 'box':
      return {
        ...r,
        x0: toCoordinate(r.x0),
        y0: toCoordinate(r.y0),
        x1: toCoordinate(r.x1),
        y1: toCoordinate(r.y1),
      } as R;
    case 'polygon':
      return { ...r, points: r.points.map(p) } as R;
    case 'brush':
      return region;
    case 'border':
      return { ...r, zone: quantizeRegion(r.zone) } as R;
    case 'contrastive':
      return { ...r, area: quantizeRegion(r.area) } as R;
  }
}

import { CLICK_MODES, type Point, type Region } from '../core/region';
import { isOneOf } from '../core/kinds';

/**
 * Regions in share links, coordinates normalised to the image with 4 decimals:
 *   point|component|class:x,y      box:x0,y0,x1,y1      polygon:x,y,x,y,…  (3 to 64 vertices)
 * A drawn region used as drawn (not ∩ class) ends in "!". Brush masks, borders and contrastive targets have no link
 * form yet: a view holding one is shared without its region (shareLink says so).
 */
export const REGION_DECIMALS = 4;
const MAX_VERTICES = 64;
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
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
    default:
      return null;
  }
}

/** Decodes a region or returns null with a warning; clamped coordinates are kept with a warning. */
export function decodeRegion(raw: string, warn: (message: string) => void, show: (raw: string) => string): Region | null {
  const colon = raw.indexOf(':');
  const kind = raw.slice(0, colon);
  const exact = raw.endsWith('!');
  const body = raw.slice(colon + 1, exact ? -1 : undefined);
  const numbers = body.split(',').map((t) => (PLAIN_DECIMAL.test(t) && Number.isFinite(Number(t)) ? Number(t) : null));
  if (colon < 0 || numbers.some((n) => n === null)) {
    warn(`Region (region) ${show(raw)} is not kind:x,y with numeric coordinates: ignored.`);
    return null;
  }
  const values = numbers as number[];
  const clamped = values.map(toCoordinate);
  const region = build(kind, clamped, exact);
  if (!region) {
    const expected = isOneOf(kind, CLICK_MODES) ? 'x,y' : kind === 'box' ? 'x0,y0,x1,y1' : kind === 'polygon' ? `3 to ${MAX_VERTICES} x,y pairs` : null;
    warn(expected
      ? `Region (region) ${show(raw)} needs ${expected}: ignored.`
      : `Region (region) kind ${show(kind)} is not one of ${[...CLICK_MODES, ...SHAPES].join(', ')}: ignored.`);
    return null;
  }
  if (clamped.some((v, i) => v !== round(values[i] as number))) warn(`Region (region) ${show(raw)} clamped to ${clamped.join(',')}.`);
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

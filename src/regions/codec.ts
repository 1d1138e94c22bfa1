import type { Decoding } from './kind';
import { OPS } from './ops';
import { kindOf, REGION_KINDS, type Region } from './registry';

export { REGION_DECIMALS, toCoordinate } from './coordinates';
export { MAX_VERTICES } from './polygon/vertices';

/**
 * Regions in share links, coordinates normalised to the image with 4 decimals: "<kind>:<the kind's text>". Today:
 *   point|component|class:x,y      box:x0,y0,x1,y1      polygon:x,y,x,y,…  (3 to 256 vertices)
 *   brush:WxH:<run-length code>    (the mask on the model's output grid, see brush/maskCode.ts)
 *   border:component:x,y | border:class:x,y          contrastive:<class c′>:<any region above but a border>
 * A drawn region used as drawn (not ∩ class) ends in "!". Each kind writes and reads its own part (regions/<kind>/).
 */
export function encodeRegion(region: Region): string | null {
  return OPS.encode(region);
}

/** Decodes a region or returns null with a warning; clamped coordinates are kept with a warning. */
export function decodeRegion(
  raw: string,
  warn: (message: string) => void,
  show: (raw: string) => string,
): Region | null {
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon);
  const kind = colon < 0 ? undefined : kindOf(name);
  const shown = show(raw);
  if (!kind) {
    warn(
      colon < 0
        ? `Region (region) ${shown} is not kind:x,y with numeric coordinates: ignored.`
        : `Region (region) kind ${show(name)} is not one of ${REGION_KINDS.map((k) => k.kind).join(', ')}: ignored.`,
    );
    return null;
  }
  const d: Decoding<Region> = {
    raw: shown,
    warn,
    fail: (why) => {
      warn(`Region (region) ${shown} ${why}: ignored.`);
      return null;
    },
    nested: (inner) => decodeRegion(inner, () => undefined, show),
    role: (r) => kindOf(r.kind)?.role ?? 'click',
    areaNouns: REGION_KINDS.filter((k) => k.role !== 'target').map((k) => k.noun),
  };
  let body = raw.slice(colon + 1);
  // Only a drawn region can be used as drawn.
  const exact = kind.role === 'drawn' && body.endsWith('!');
  if (exact) body = body.slice(0, -1);
  const region = kind.decode(body, d);
  return region && exact ? ({ ...region, exact } as Region) : region;
}

/** The region as a link would bring it back: coordinates at link precision, so a link reproduces it exactly. */
export function quantizeRegion<R extends Region>(region: R): R {
  return OPS.quantize(region) as R;
}

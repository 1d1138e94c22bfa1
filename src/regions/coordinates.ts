import { parsePlainNumber } from '../core/plainNumber';
import type { Point } from '../core/region';
import type { Decoding } from './kind';

/** Coordinates in share links are normalised to the image with 4 decimals. */
export const REGION_DECIMALS = 4;

const round = (v: number) => Number(v.toFixed(REGION_DECIMALS));
/** Math.max(-0, 0) is +0, so a rounded -0 never leaks out. */
export const toCoordinate = (v: number): number => Math.min(Math.max(round(v), 0), 1);
/** A coordinate as a link writes it. */
export const fixed = (v: number): string => toCoordinate(v).toFixed(REGION_DECIMALS);
export const quantizePoint = (p: Point): Point => ({ x: toCoordinate(p.x), y: toCoordinate(p.y) });

/**
 * Comma-separated plain decimals, clamped to [0, 1] with a warning; null (after a refusal saying what `needs`) when
 * one is not a number or `accepts` refuses their count.
 */
export function decodeCoordinates(
  body: string,
  d: Decoding,
  accepts: (count: number) => boolean,
  needs: string,
): number[] | null {
  const numbers = body.split(',').map(parsePlainNumber);
  if (numbers.some((n) => n === null)) return d.fail('is not kind:x,y with numeric coordinates');
  const values = numbers as number[];
  if (!accepts(values.length)) return d.fail(`needs ${needs}`);
  const clamped = values.map(toCoordinate);
  if (clamped.some((v, i) => v !== round(values[i] as number)))
    d.warn(`Region (region) ${d.raw} clamped to ${clamped.join(',')}.`);
  return clamped;
}

/** "(0.10, 0.20)": a point in the report's words. */
export const xy = (p: Point): string => `(${p.x.toFixed(2)}, ${p.y.toFixed(2)})`;

import type { KindTarget } from './kind';

/** A drawn region: by default intersected with the class's prediction, `exact` keeps the drawn pixels as they are. */
export interface DrawnFlag {
  exact?: boolean;
}

const count = (m: Uint8Array) => m.reduce((n, v) => n + (v ? 1 : 0), 0);

/** M of a drawn region: the drawn pixels ∩ {P == c}, or as drawn when exact; says how many the intersection removed. */
export function drawnTarget(drawn: Uint8Array, exact: boolean, cls: number, labels: Uint8Array): KindTarget {
  const mask = exact ? drawn : Uint8Array.from(drawn, (v, i) => (v && labels[i] === cls ? 1 : 0));
  return { mask, channels: [{ cls, weights: mask }], removed: exact ? 0 : count(drawn) - count(mask) };
}

/** Where a drawn region's class comes from when none is chosen (the read-out says it). */
export const DRAWN_CLASS_FROM = 'the class most of the drawn pixels predict, background aside';

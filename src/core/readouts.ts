import type { SufficiencyReading } from './results';

/**
 * When a sufficiency read-out is not a number worth reading (docs/METHOD.md, "Sufficiency"): it is shown as "n/a"
 * with the reason, and the report writes null with the reason beside it, never a bogus number.
 */

/** Below this original mean probability over M, confidence kept is a ratio over noise (18871.961, say). */
export const CONFIDENCE_FLOOR = 0.01;

export interface NotApplicable {
  /** what is shown after "n/a: " */
  reason: string;
  /** why, for the tooltip */
  why: string;
}

const NOT_PREDICTED: NotApplicable = {
  reason: 'the class is not predicted in the region',
  why:
    'No pixel of the region is predicted as this class on the original image: Dice would compare two empty sets ' +
    'and confidence kept would divide by a probability near zero. Pick the predicted class, or another region.',
};
const why = 'The masked image is the baseline alone, so Dice and confidence kept say nothing about the map.';
const ZERO_MAP: NotApplicable = { reason: 'the map is zero, nothing is kept', why: `The map has no weight. ${why}` };
const NOTHING_ABOVE: NotApplicable = {
  reason: 'nothing is above the threshold, nothing is kept',
  why: `No pixel of the map exceeds the threshold. ${why}`,
};
const LOW_CONFIDENCE: NotApplicable = {
  reason: `the class's probability in the region is below ${CONFIDENCE_FLOOR}`,
  why:
    `Confidence kept divides by the class's mean probability over the region on the original image; below ` +
    `${CONFIDENCE_FLOOR} that ratio is noise.`,
};

/**
 * Which sufficiency read-outs are n/a, and why (null: it reads as a number). In order: the class is not predicted
 * in M (Dice and confidence kept); nothing is kept (both; `mapIsZero` names the cause); the original mean
 * probability over M is below CONFIDENCE_FLOOR (confidence kept only). % kept always reads as a number.
 */
export function sufficiencyNotApplicable(
  r: Pick<SufficiencyReading, 'retained' | 'classPixels' | 'originalConfidence'>,
  mapIsZero: boolean,
): { dice: NotApplicable | null; confidence: NotApplicable | null } {
  if (r.classPixels === 0) return { dice: NOT_PREDICTED, confidence: NOT_PREDICTED };
  if (r.retained === 0) {
    const nothing = mapIsZero ? ZERO_MAP : NOTHING_ABOVE;
    return { dice: nothing, confidence: nothing };
  }
  return { dice: null, confidence: r.originalConfidence < CONFIDENCE_FLOOR ? LOW_CONFIDENCE : null };
}

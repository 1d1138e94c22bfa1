import { describe, expect, it } from 'vitest';
import { CONFIDENCE_FLOOR, sufficiencyNotApplicable } from './readouts';

const reading = { retained: 0.3, classPixels: 12, originalConfidence: 0.8 };

describe('sufficiency read-outs that are n/a (docs/METHOD.md, "Sufficiency")', () => {
  it(
    'reads as numbers when the class is predicted in the region, something ' +
      'is kept and the probability is not tiny',
    () => {
      expect(sufficiencyNotApplicable(reading, false)).toEqual({ dice: null, confidence: null });
      expect(
        sufficiencyNotApplicable({ ...reading, originalConfidence: CONFIDENCE_FLOOR }, false).confidence,
      ).toBeNull();
    },
  );

  it('a class not predicted in the region: Dice and confidence kept are n/a, whatever else holds', () => {
    const na = sufficiencyNotApplicable({ ...reading, classPixels: 0, originalConfidence: 5e-5, retained: 0 }, true);
    expect(na.dice?.reason).toBe('the class is not predicted in the region');
    expect(na.confidence).toBe(na.dice);
    expect(na.dice?.why).toMatch(/No pixel of the region is predicted as this class/);
  });

  it('nothing kept: both n/a, saying whether the map is zero or the threshold is above it', () => {
    const zero = sufficiencyNotApplicable({ ...reading, retained: 0 }, true);
    expect(zero.dice?.reason).toBe('the map is zero, nothing is kept');
    expect(zero.confidence).toBe(zero.dice);
    expect(sufficiencyNotApplicable({ ...reading, retained: 0 }, false).dice?.reason).toBe(
      'nothing is above the threshold, nothing is kept',
    );
  });

  it(`confidence kept alone is n/a below an original probability of ${CONFIDENCE_FLOOR}`, () => {
    const low = sufficiencyNotApplicable({ ...reading, originalConfidence: 0.0099 }, false);
    expect(low.dice).toBeNull();
    expect(low.confidence?.reason).toBe("the class's probability in the region is below 0.01");
  });
});

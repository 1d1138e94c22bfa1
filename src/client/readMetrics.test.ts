import { describe, expect, it } from 'vitest';
import type { ExplainedTarget, HeatMap } from '../core/results';
import { metricsOf } from './readMetrics';

const map = (...v: number[]): HeatMap => ({ data: Float32Array.from(v), size: [2, 2], positive: true });
const target = { mask: Uint8Array.from([1, 0, 0, 0]), maskSize: [2, 2] } as unknown as ExplainedTarget;

describe('metrics on the UI thread', () => {
  it("gives each map its relevance mass and pointing game, and the correlations with RISE's map once there", () => {
    const alone = metricsOf({ gradcam: map(4, 3, 2, 1) }, target);
    expect(alone.gradcam).toMatchObject({ relevanceMass: 0.4, pointingHit: true, pearson: null, spearman: null });
    const m = metricsOf({ gradcam: map(4, 3, 2, 1), xres: map(1, 2, 3, 4), rise: map(8, 6, 4, 2) }, target);
    // By hand: gradcam is an affine image of RISE's map (ρ = r = 1), xres its reverse (−1); RISE is not compared
    // with itself.
    expect(m.gradcam?.pearson).toBeCloseTo(1, 6);
    expect(m.gradcam?.spearman).toBeCloseTo(1, 6);
    expect(m.xres?.pearson).toBeCloseTo(-1, 6);
    expect(m.xres?.pointingHit).toBe(false);
    expect(m.rise).toMatchObject({ relevanceMass: 0.4, pearson: null, spearman: null });
  });

  it('reads leakage out of the region, and out of the class once the prediction is given', () => {
    const classTarget = { ...target, classIndex: 2 } as ExplainedTarget;
    expect(metricsOf({ gradcam: map(4, 3, 2, 1) }, classTarget).gradcam).toMatchObject({
      leakRegion: 0.6,
      leakClass: null,
    });
    // P = [2, 2, 0, 1]: class 2 holds the top row, so 2 + 1 of the total 10 is outside it
    const withP = metricsOf({ gradcam: map(4, 3, 2, 1) }, classTarget, Uint8Array.from([2, 2, 0, 1]));
    expect(withP.gradcam?.leakRegion).toBeCloseTo(0.6, 6);
    expect(withP.gradcam?.leakClass).toBeCloseTo(0.3, 6);
  });
});

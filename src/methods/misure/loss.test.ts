import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../scripts/testing/cpuBackend';
import { registerGradientFixes } from '../../explain/gradientFixes';
import { coarseGrid, maskOf, misureLoss, softDice, totalVariation } from './loss';
import { lossOf, type Objective } from './stage2';

beforeAll(async () => {
  await useCpuBackend();
  registerGradientFixes();
});

const logit = (p: number) => Math.log(p / (1 - p));
const t2 = (rows: number[][]) => tf.tensor2d(rows);

// The hand-worked 4×4 case. M = the two left columns (8 pixels); T = the top-left 2×2 (4 pixels, inside M).
const REGION = [
  [1, 1, 0, 0],
  [1, 1, 0, 0],
  [1, 1, 0, 0],
  [1, 1, 0, 0],
];
const TARGET = [
  [1, 1, 0, 0],
  [1, 1, 0, 0],
  [0, 0, 0, 0],
  [0, 0, 0, 0],
];
// p = 0.9 on T, 0.5 on the rest of M, 0.7 outside M (must not count).
const PROB = [
  [0.9, 0.9, 0.7, 0.7],
  [0.9, 0.9, 0.7, 0.7],
  [0.5, 0.5, 0.7, 0.7],
  [0.5, 0.5, 0.7, 0.7],
];
const COARSE = [
  [0.8, 0.2],
  [0.4, 0.2],
];

describe('MiSuRe loss, by hand on 4×4', () => {
  it('soft Dice: (2·3.6 + 1) / (5.6 + 4 + 1) = 8.2 / 10.6', () => {
    // Σ_M p·t = 4 · 0.9 = 3.6; Σ_M p = 4 · 0.9 + 4 · 0.5 = 5.6; Σ_M t = 4.
    expect(softDice(t2(PROB), t2(TARGET), t2(REGION)).dataSync()[0]).toBeCloseTo(8.2 / 10.6, 6);
  });

  it('TV of the coarse 2×2 mask: (|0.4−0.8| + |0.2−0.2| + |0.2−0.8| + |0.2−0.4|) / 4 = 0.3', () => {
    expect(totalVariation(t2(COARSE)).dataSync()[0]).toBeCloseTo(0.3, 6);
    expect(totalVariation(t2([[0.7]])).dataSync()[0]).toBe(0);
  });

  it('the whole loss: (0.9 − 8.2/10.6) + 1 · 4/16 + 0.2 · 0.3 ≈ 0.436415; the hinge is 0 once D ≥ τ', () => {
    // m keeps the top-left 2×2 of the 4×4 image: mean(m) = 4/16 = 0.25. D = 0.773585 < τ = 0.9: the hinge acts.
    const mask = t2(TARGET);
    const weights = { threshold: 0.9, reference: 1, l1: 1, tv: 0.2 };
    const { total, dice } = misureLoss(t2(PROB), t2(TARGET), t2(REGION), mask, t2(COARSE), weights);
    expect(total.dataSync()[0]).toBeCloseTo(0.9 - 8.2 / 10.6 + 0.25 + 0.06, 6);
    expect(total.dataSync()[0]).toBeCloseTo(0.436415, 5);
    expect(dice.dataSync()[0]).toBeCloseTo(0.773585, 5);
    // τ = 0.7 < D: only 0.25 + 0.06 remains.
    const met = misureLoss(t2(PROB), t2(TARGET), t2(REGION), mask, t2(COARSE), { ...weights, threshold: 0.7 });
    expect(met.total.dataSync()[0]).toBeCloseTo(0.31, 6);
    // Relative to D₀ = 0.8: 0.9 − 0.773585 / 0.8 = −0.067: sufficient, the hinge is 0 again.
    const relative = misureLoss(t2(PROB), t2(TARGET), t2(REGION), mask, t2(COARSE), { ...weights, reference: 0.8 });
    expect(relative.total.dataSync()[0]).toBeCloseTo(0.31, 6);
    // D₀ = 0.88: 0.9 − 0.773585 / 0.88 = 0.020926, plus 0.31.
    const short = misureLoss(t2(PROB), t2(TARGET), t2(REGION), mask, t2(COARSE), { ...weights, reference: 0.88 });
    expect(short.total.dataSync()[0]).toBeCloseTo(0.330926, 5);
  });

  it('m = 1_SR ⊙ Up(σ(θ)): bilinear 2 → 4 with half-pixel centres, by hand', () => {
    // Up along a side: rows 0 … 3 sample source positions −0.25, 0.25, 0.75, 1.25 → s0, ¾s0 + ¼s1, ¼s0 + ¾s1, s1.
    // m[1][1] = ¾(¾·0.8 + ¼·0.2) + ¼(¾·0.4 + ¼·0.2) = ¾·0.65 + ¼·0.35 = 0.575; m[0][0] = 0.8; m[3][3] = 0.2.
    const sufficient = t2([
      [1, 1, 1, 0],
      [1, 1, 1, 0],
      [1, 1, 1, 0],
      [1, 1, 1, 0],
    ]);
    const m = maskOf(t2(COARSE.map((r) => r.map(logit))), sufficient).arraySync();
    expect(m[0]?.[0]).toBeCloseTo(0.8, 5);
    expect(m[1]?.[1]).toBeCloseTo(0.575, 5);
    expect(m[3]?.[2]).toBeCloseTo(0.25 * 0.4 + 0.75 * 0.2, 5);
    expect(m.map((r) => r[3])).toEqual([0, 0, 0, 0]); // outside the sufficient region
  });

  it('the coarse grid keeps the aspect ratio, at least one cell', () => {
    expect(coarseGrid([256, 256], 28)).toEqual([28, 28]);
    expect(coarseGrid([100, 200], 28)).toEqual([14, 28]);
    expect(coarseGrid([4, 400], 8)).toEqual([1, 8]);
  });
});

/** Central finite differences of a scalar function of θ, one coordinate at a time. */
function finiteDifferences(f: (t: tf.Tensor2D) => tf.Scalar, theta: number[][], h = 1e-2): number[] {
  const flat = theta.flat();
  return flat.map((_, i) => {
    const at = (d: number) =>
      tf.tidy(() => {
        const shifted = flat.map((v, j) => (j === i ? v + d : v));
        return f(tf.tensor2d(shifted, [theta.length, (theta[0] as number[]).length])).dataSync()[0] as number;
      });
    return (at(h) - at(-h)) / (2 * h);
  });
}

// A differentiable toy network on a 4×4×2 image: class 1's logit = (zero-padded 3×3 box sum of the grey) / 3 − 1.
// Not avgPool: tfjs 4.22's avgPool 'same' gradient divides by 9 at the border, where its forward divides by the count.
const toyProbability = (image: tf.Tensor4D): tf.Tensor2D =>
  tf.tidy(() => {
    const grey = tf.mean(image, 3, true) as tf.Tensor4D;
    const logit = tf.sub(tf.div(tf.conv2d(grey, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'same'), 3), 1);
    return tf.reshape(tf.sigmoid(logit), [4, 4]) as tf.Tensor2D;
  });

describe('MiSuRe loss gradient against central finite differences', () => {
  // Distinct values (no tie in the TV's |·|, whose derivative jumps at 0).
  const theta = [
    [0.3, -1.2],
    [1.7, -0.4],
  ];
  const image = Array.from({ length: 32 }, (_, i) => ((i * 37) % 11) / 10);

  it('through mask, upsampling, blend, the toy network and all three terms', () => {
    const objective: Objective = {
      input: tf.tensor4d(image, [1, 4, 4, 2]),
      baseline: tf.fill([1, 4, 4, 2], 0.1) as tf.Tensor4D,
      sufficient: t2([
        [1, 1, 1, 0],
        [1, 1, 1, 0],
        [1, 1, 1, 1],
        [0, 1, 1, 1],
      ]),
      target: t2(TARGET),
      region: t2(REGION),
      probability: toyProbability,
      weights: { threshold: 0.95, reference: 0.9, l1: 0.7, tv: 0.3 },
    };
    const f = (t: tf.Tensor2D) => lossOf(objective, t).total;
    expect(lossOf(objective, t2(theta)).dice.dataSync()[0]).toBeLessThan(0.95 * 0.9); // the hinge is active
    const analytic = Array.from(
      tf
        .grad((t: tf.Tensor) => f(t as tf.Tensor2D))(t2(theta))
        .dataSync(),
    );
    const numeric = finiteDifferences(f, theta);
    expect(Math.max(...numeric.map(Math.abs))).toBeGreaterThan(1e-3); // a gradient worth comparing
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i] as number, 3));
  });

  it('of each term alone (soft Dice in p, TV in the coarse mask)', () => {
    const p = PROB.map((r) => r.map((v, j) => v - 0.01 * j));
    const diceOf = (x: tf.Tensor2D) => softDice(x, t2(TARGET), t2(REGION));
    const gd = tf
      .grad((x: tf.Tensor) => diceOf(x as tf.Tensor2D))(t2(p))
      .dataSync();
    finiteDifferences(diceOf, p).forEach((n, i) => expect(gd[i]).toBeCloseTo(n, 3));
    const gt = tf
      .grad((x: tf.Tensor) => totalVariation(x as tf.Tensor2D))(t2(COARSE.map((r, i) => r.map((v) => v + 0.01 * i))))
      .dataSync();
    finiteDifferences(
      totalVariation,
      COARSE.map((r, i) => r.map((v) => v + 0.01 * i)),
      1e-3,
    ).forEach((n, i) => expect(gt[i]).toBeCloseTo(n, 3));
  });
});

import * as tf from '@tensorflow/tfjs-core';
import type { SufficientRegions } from '../../core/method';
import type { SettingValues } from '../../core/settings';
import { makeBaseline } from '../../explain/baseline';
import { classWithinRegion } from '../../explain/dice';
import type { ForwardContext, JobOutput, MethodJob } from '../types';
import { resizeNearest } from './dilation';
import { coarseGrid, maskOf, softDice } from './loss';
import type { meta } from './meta';
import { LEVELS, rankInRegion, topLevel } from './levels';
import { findSufficientRegion, firstReaching, STAGE1_CANDIDATES } from './stage1';
import { initialLogits, optimiseMask, type Objective } from './stage2';

type Settings = SettingValues<typeof meta.settings>;

/** The output grid [Ho, Wo]: as many cells as the labels, in the input's aspect ratio. */
export function outputGrid(cells: number, input: readonly [number, number]): [number, number] {
  const [H, W] = input;
  const wo = Math.round(Math.sqrt((cells * W) / H));
  const ho = Math.round(cells / wo);
  if (ho * wo !== cells) throw new Error(`MiSuRe: ${cells} output cells do not fit the input’s aspect ${H}×${W}.`);
  return [ho, wo];
}

const grid2d = (values: Uint8Array, size: readonly [number, number]) =>
  tf.tensor2d(Float32Array.from(values), [size[0], size[1]]);

/**
 * MiSuRe (docs/METHOD.md): stage 1 grows T until its masked image reaches Dice ≥ τ (batched label passes), stage 2
 * optimises a coarse soft mask inside that region (one forward + backward pass per step), then the smallest top share
 * of the region by the mask that still reaches τ is the minimal region. Returns the mask as the map and both regions'
 * read-outs. Progress counts stage 1's candidates, stage 2's steps and the binarisation's levels as one total.
 */
async function run(ctx: ForwardContext, s: Settings): Promise<JobOutput> {
  const [, H, W] = ctx.input.shape;
  const { classIndex, region, labels } = ctx.target;
  const output = outputGrid(labels.length, [H, W]);
  const t = classWithinRegion(labels, region, classIndex);
  if (!t.some((v) => v === 1))
    throw new Error('MiSuRe needs the class predicted in the region: here it is not, so there is nothing to keep.');
  const total = STAGE1_CANDIDATES + s.steps + LEVELS;
  const baseline = makeBaseline(ctx.input, ctx.baseline);
  const held: tf.Tensor[] = [baseline];
  try {
    const seed = resizeNearest(t, output, [H, W]);
    const sufficient = await findSufficientRegion(ctx, baseline, seed, s.threshold, (done, latest) =>
      ctx.progress(done, total, () => grid2d(latest, [H, W])),
    );
    const sufficientMask = grid2d(sufficient.mask, [H, W]);
    const targetMask = grid2d(t, output);
    const regionMask = grid2d(region, output);
    held.push(sufficientMask, targetMask, regionMask);
    const probability = (image: tf.Tensor4D): tf.Tensor2D => {
      const scores = ctx.scores(image);
      try {
        return tf.reshape(ctx.probability(scores, classIndex), output) as tf.Tensor2D;
      } finally {
        scores.dispose();
      }
    };
    // D₀, the soft Dice on the original image: stage 2's threshold is relative to it (docs/METHOD.md).
    const reference = tf.tidy(() => softDice(probability(ctx.input), targetMask, regionMask).dataSync()[0] as number);
    const objective: Objective = {
      input: ctx.input,
      baseline,
      sufficient: sufficientMask,
      target: targetMask,
      region: regionMask,
      probability,
      weights: { threshold: s.threshold, reference, l1: s.l1, tv: s.tv },
    };
    const theta0 = initialLogits(coarseGrid([H, W], s.resolution));
    held.push(theta0);
    const theta = await optimiseMask(objective, theta0, s.steps, {
      checkpoint: ctx.checkpoint,
      onStep: (step, th) => ctx.progress(STAGE1_CANDIDATES + step, total, () => maskOf(th, objective.sufficient)),
    });
    const map = tf.tidy(() => maskOf(theta, objective.sufficient));
    theta.dispose();
    try {
      const order = rankInRegion((await map.data()) as Float32Array, sufficient.mask);
      const done = STAGE1_CANDIDATES + s.steps;
      const minimal = await firstReaching(
        ctx,
        baseline,
        LEVELS,
        (j) => topLevel(order, H * W, j),
        s.threshold,
        (level) => ctx.progress(done + level, total, () => tf.clone(map)),
      );
      const regions: SufficientRegions = {
        threshold: s.threshold,
        sufficient: {
          mask: sufficient.mask,
          size: [H, W],
          kept: sufficient.kept,
          dice: sufficient.dice,
          radius: sufficient.radius,
          reached: sufficient.reached,
        },
        minimal: { kept: minimal.kept, dice: minimal.dice },
      };
      return { map, reused: false, regions };
    } catch (e) {
      map.dispose();
      throw e;
    }
  } finally {
    tf.dispose(held);
  }
}

export const job: MethodJob<Settings> = { run };

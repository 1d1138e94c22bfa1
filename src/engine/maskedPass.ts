import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from '../core/abort';
import type { MaskedView } from '../core/faithfulness';
import type { BaselineKind } from '../core/kinds';
import type { HeatMap } from '../core/results';
import { classWithinRegion } from '../explain/dice';
import { classProbability, meanOverRegion } from '../explain/probability';
import { regionSize } from '../regions/buildRegion';
import { sufficiency } from '../explain/sufficiency';
import type { ExplainTarget } from '../explain/target';
import { labelsOf } from '../model/labels';
import type { SegmentationModel } from '../model/types';
import { inputRangeOf, maskedView, thumbnailTensor } from './maskedView';

export interface MaskedPassOptions {
  threshold: number;
  baseline: BaselineKind;
  signal: AbortSignal;
  /** counts the forward pass (the engine's per-purpose counters) */
  count: () => void;
  /** also return a thumbnail of the masked input and its labels */
  preview: boolean;
}

/**
 * Sufficiency of one kept map at one threshold, as one forward pass: the labels (Dice), the class probability over M
 * (confidence kept) and, with `preview`, a thumbnail of the masked input and its labels. The panel's read-out and
 * the curves' point at the same threshold both come from here, so the two agree.
 */
export async function maskedPass(
  model: SegmentationModel,
  input: tf.Tensor4D,
  kept: { map: HeatMap; target: ExplainTarget },
  o: MaskedPassOptions,
): Promise<{ dice: number; retained: number; confidence: number; classPixels: number; view: MaskedView | null }> {
  const { threshold, baseline, signal, count, preview } = o;
  const { classIndex, region } = kept.target;
  // One pass gives the labels (Dice) and the class probability over M (confidence kept).
  const confidenceOf = async (scores: tf.Tensor4D) => {
    const mean = tf.tidy(() => meanOverRegion(classProbability(scores, classIndex, model.outputKind), region));
    try {
      return (await mean.data()) as Float32Array;
    } finally {
      mean.dispose();
    }
  };
  let confidence = NaN;
  let view: Promise<MaskedView> | null = null;
  const predict = async (batch: tf.Tensor4D) => {
    throwIfAborted(signal);
    count();
    // The masked image exists only inside sufficiency(): the thumbnail is taken here, before it is disposed.
    const thumb = preview ? thumbnailTensor(batch, inputRangeOf(model)) : null;
    const scores = model.forward(batch);
    try {
      const [labels, conf] = await Promise.all([labelsOf(scores), confidenceOf(scores)]);
      confidence = conf[0] as number;
      if (thumb) view = maskedView(thumb, labels[0] as Uint8Array, model.outputSize);
      return labels;
    } catch (e) {
      thumb?.dispose();
      throw e;
    } finally {
      scores.dispose();
    }
  };
  const map = tf.tensor2d(kept.map.data, kept.map.size);
  const r = await sufficiency(input, map, predict, kept.target, { threshold, dilation: 0, baseline }).finally(() =>
    map.dispose(),
  );
  // |P^c ∩ M|: 0 when the class is not predicted in the region (its read-outs are then n/a, core/readouts.ts)
  const classPixels = regionSize(classWithinRegion(kept.target.labels, region, classIndex));
  return { ...r, confidence, classPixels, view: view ? await view : null };
}

/** Mean over the target's region of the class probability on `input`: one forward pass. */
export async function regionConfidence(
  model: SegmentationModel,
  input: tf.Tensor4D,
  target: ExplainTarget,
): Promise<number> {
  const mean = tf.tidy(() =>
    meanOverRegion(classProbability(model.forward(input), target.classIndex, model.outputKind), target.region),
  );
  return (await mean.data().finally(() => mean.dispose()))[0] as number;
}

export /** Labels of a batch: the adapter's own fast path when it has one, else argmax over the class scores. */
function predictLabels(model: SegmentationModel, batch: tf.Tensor4D): Promise<Uint8Array[]> {
  if (model.labels) return model.labels(batch);
  const s = model.forward(batch);
  return labelsOf(s).finally(() => s.dispose());
}

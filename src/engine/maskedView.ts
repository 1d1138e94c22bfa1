import * as tf from '@tensorflow/tfjs-core';
import type { MaskedView } from '../core/faithfulness';
import type { SegmentationModel } from '../model/types';

/** Longest side of the masked-input thumbnail the read-out shows. */
export const MASKED_THUMB = 128;

/** What the model's input holds for a black and for a white pixel, per channel: preprocessing's affine map. */
interface InputRange {
  lo: number[];
  hi: number[];
}

const ranges = new WeakMap<SegmentationModel, InputRange>();

/** One channel value per input channel of a uniform 1×1 picture after the model's preprocessing. */
function preprocessed(model: SegmentationModel, v: number): number[] {
  const x = model.preprocess({ width: 1, height: 1, data: Uint8ClampedArray.of(v, v, v, 255) });
  try {
    const c = x.shape[3];
    return Array.from(x.dataSync().subarray(0, c));
  } finally {
    x.dispose();
  }
}

/**
 * The input range of a model, read once by preprocessing a black and a white pixel: every adapter maps 0..255
 * affinely to [lo, hi] (model/pixels.ts), so a masked input maps back to pixels whatever range the model was
 * trained on.
 */
export function inputRangeOf(model: SegmentationModel): InputRange {
  let r = ranges.get(model);
  if (!r) {
    r = { lo: preprocessed(model, 0), hi: preprocessed(model, 255) };
    ranges.set(model, r);
  }
  return r;
}

/**
 * The first image of a batch of model inputs as displayable RGB, [th, tw, 3] in 0..255, shrunk (bilinear, half-pixel
 * centres) so that its longer side is at most MASKED_THUMB. A one-channel input is shown grey.
 */
export function thumbnailTensor(batch: tf.Tensor4D, range: InputRange): tf.Tensor3D {
  return tf.tidy(() => {
    const [, h, w, c] = batch.shape;
    const scale = Math.min(1, MASKED_THUMB / Math.max(h, w));
    let x = tf.slice(batch, [0, 0, 0, 0], [1, h, w, c]) as tf.Tensor4D;
    if (scale < 1)
      x = tf.image.resizeBilinear(
        x,
        [Math.max(1, Math.round(h * scale)), Math.max(1, Math.round(w * scale))],
        false,
        true,
      );
    const lo = tf.tensor1d(range.lo.slice(0, c));
    const span = tf.tensor1d(range.lo.slice(0, c).map((l, i) => (range.hi[i] ?? 1) - l || 1));
    let rgb = tf.clipByValue(tf.mul(tf.div(tf.sub(x, lo), span), 255), 0, 255);
    if (c === 1) rgb = tf.tile(rgb, [1, 1, 1, 3]);
    else if (c > 3) rgb = tf.slice(rgb, [0, 0, 0, 0], [-1, -1, -1, 3]);
    return tf.squeeze(rgb, [0]) as tf.Tensor3D;
  });
}

/** The read-out's picture: the thumbnail (disposed here) as RGBA, with the labels predicted on the masked input. */
export async function maskedView(
  thumb: tf.Tensor3D,
  labels: Uint8Array,
  labelSize: [number, number],
): Promise<MaskedView> {
  const [height, width] = thumb.shape;
  const rgb = await thumb.data().finally(() => thumb.dispose());
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += 3) {
    data[i * 4] = rgb[j] as number;
    data[i * 4 + 1] = rgb[j + 1] as number;
    data[i * 4 + 2] = rgb[j + 2] as number;
    data[i * 4 + 3] = 255;
  }
  // A copy with its own buffer: the view is transferred to the UI thread.
  return { image: { data, width, height }, labels: labels.slice(), labelSize: [labelSize[0], labelSize[1]] };
}

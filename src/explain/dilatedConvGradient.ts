import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

/** Spreads a [kh, kw, in, out] filter to [(kh−1)d+1, (kw−1)d+1, in, out] with zeros between taps. */
export function dilateFilter(filter: tf.Tensor4D, d: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, ci, co] = filter.shape;
    const spread = tf.pad(tf.reshape(filter, [kh, 1, kw, 1, ci, co]), [
      [0, 0],
      [0, d[0] - 1],
      [0, 0],
      [0, d[1] - 1],
      [0, 0],
      [0, 0],
    ]);
    const full = tf.reshape(spread, [kh * d[0], kw * d[1], ci, co]);
    return tf.slice(full, [0, 0, 0, 0], [(kh - 1) * d[0] + 1, (kw - 1) * d[1] + 1, ci, co]) as tf.Tensor4D;
  });
}

const pair = (v: number | [number, number] | undefined): [number, number] =>
  v === undefined ? [1, 1] : Array.isArray(v) ? v : [v, v];

let registered = false;

/**
 * tfjs 4.22 refuses gradients through dilated Conv2D (DeepLab's atrous convolutions). A dilated convolution is a
 * plain one with a zero-spread filter, so its input gradient is the transposed convolution with that filter.
 * Undilated convolutions keep the stock kernels.
 */
export function registerDilatedConvGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf.Conv2D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      const { strides, pad, dataFormat, dimRoundingMode, dilations } = attrs as unknown as tf.Conv2DAttrs;
      const d = pair(dilations as number | [number, number]);
      if (dataFormat === 'NCHW') throw new Error('Conv2D gradients need NHWC data.');
      const dilated = d[0] > 1 || d[1] > 1;
      if (dilated && pair(strides as number | [number, number]).some((s) => s !== 1)) {
        throw new Error('Gradients through strided dilated convolutions are not supported.');
      }
      const f = dilated ? dilateFilter(filter, d) : filter;
      const p = pad as 'same' | 'valid' | number;
      return {
        x: () => tf.conv2dTranspose(g, f, x.shape, strides as [number, number], p, dimRoundingMode),
        filter: () => {
          if (dilated)
            throw new Error(
              'Weight gradients of dilated convolutions are not supported (explanations never need them).',
            );
          return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: g }, {
            strides,
            pad,
            dataFormat,
            dimRoundingMode,
            filterShape: filter.shape,
          } as unknown as tf.NamedAttrMap) as unknown as tf.Tensor4D;
        },
      };
    },
  });
}

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

/**
 * Input gradient of a depthwise convolution with ops every backend has: the depthwise filter [kh, kw, C, m] is
 * written as a block-diagonal dense filter [kh, kw, C, C·m] and the gradient is its transposed convolution.
 * Costs C× more arithmetic than the native kernel, so it is only used where that kernel is missing (wasm).
 */
export function depthwiseInputGradientViaConv(
  xShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: [number, number] | number,
  pad: 'valid' | 'same' | number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, c, m] = filter.shape;
    const eye = tf.reshape(tf.eye(c), [1, 1, c, c, 1]);
    const dense = tf.reshape(tf.mul(tf.reshape(filter, [kh, kw, c, 1, m]), eye), [kh, kw, c, c * m]) as tf.Tensor4D;
    return tf.conv2dTranspose(dy, dense, xShape, strides, pad);
  });
}

let registered = false;

/** tfjs-backend-wasm has no DepthwiseConv2dNativeBackpropInput: route the input gradient through the above there. */
export function registerDepthwiseGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf.DepthwiseConv2dNative,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      const { dilations, strides, pad, dimRoundingMode } = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
      const dil = (dilations ?? [1, 1]) as [number, number] | number;
      const unitDilation = Array.isArray(dil) ? dil.every((d) => d === 1) : dil === 1;
      if (!unitDilation) throw new Error('Gradients through dilated depthwise convolutions are not supported.');
      return {
        x: () =>
          tf.getBackend() === 'wasm' && typeof pad !== 'object'
            ? depthwiseInputGradientViaConv(x.shape, g, filter, strides, pad)
            : (tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy: g, filter }, {
                strides,
                pad,
                dimRoundingMode,
                dilations: dil,
                inputShape: x.shape,
              } as unknown as tf.NamedAttrMap) as unknown as tf.Tensor4D),
        filter: () =>
          tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy: g }, {
            strides,
            pad,
            dimRoundingMode,
            dilations: dil,
            filterShape: filter.shape,
          } as unknown as tf.NamedAttrMap) as unknown as tf.Tensor4D,
      };
    },
  });
}

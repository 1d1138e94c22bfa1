import * as tf from '@tensorflow/tfjs-core';
// The stock gradients are registered first so that ours below overrides the broken ResizeBilinear one.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

/**
 * Row-interpolation matrix [outSize, inSize] of tfjs' ResizeBilinear forward kernel along one axis, built with the
 * kernel's own source-coordinate formula (cpu ResizeBilinear.js; the WebGL shader uses the same one).
 */
export function interpolationMatrix(
  inSize: number,
  outSize: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): Float32Array {
  const effIn = alignCorners && outSize > 1 ? inSize - 1 : inSize;
  const effOut = alignCorners && outSize > 1 ? outSize - 1 : outSize;
  const ratio = effIn / effOut;
  const m = new Float32Array(outSize * inSize);
  for (let r = 0; r < outSize; r++) {
    const src = halfPixelCenters ? ratio * (r + 0.5) - 0.5 : ratio * r;
    const lo = Math.max(0, Math.floor(src));
    const hi = Math.min(inSize - 1, Math.ceil(src));
    const frac = src - lo;
    m[r * inSize + lo]! += 1 - frac;
    m[r * inSize + hi]! += frac;
  }
  return m;
}

/** Adjoint of the forward resize: dx = Rhᵀ · dy · Rw, applied per batch and channel as two matMuls. */
export function resizeBilinearBackprop(
  dy: tf.Tensor4D,
  inputShape: readonly number[],
  alignCorners: boolean,
  halfPixelCenters: boolean,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, outH, outW, c] = dy.shape;
    const inH = inputShape[1] as number;
    const inW = inputShape[2] as number;
    const rh = tf.tensor2d(interpolationMatrix(inH, outH, alignCorners, halfPixelCenters), [outH, inH]);
    const rw = tf.tensor2d(interpolationMatrix(inW, outW, alignCorners, halfPixelCenters), [outW, inW]);
    // Contract rows: [b, outW, c, outH] · [outH, inH] → [b, outW, c, inH]
    const rows = tf.matMul(tf.reshape(tf.transpose(dy, [0, 2, 3, 1]), [b * outW * c, outH]), rh);
    // Contract columns: [b, inH, c, outW] · [outW, inW] → [b, inH, c, inW]
    const byCol = tf.transpose(tf.reshape(rows, [b, outW, c, inH]), [0, 3, 2, 1]);
    const cols = tf.matMul(tf.reshape(byCol, [b * inH * c, outW]), rw);
    return tf.transpose(tf.reshape(cols, [b, inH, c, inW]), [0, 1, 3, 2]) as tf.Tensor4D;
  });
}

let registered = false;

/**
 * tfjs 4.22's ResizeBilinearGrad kernels ignore halfPixelCenters (≈50 % wrong, silently) and the cpu one transposes
 * non-square shapes; this replaces the gradient on every backend with the exact adjoint above.
 */
export function registerResizeBilinearGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf.ResizeBilinear,
    inputsToSave: ['images'],
    gradFunc: (dy, saved, attrs) => {
      const [images] = saved as [tf.Tensor4D];
      const { alignCorners, halfPixelCenters } = attrs as unknown as tf.ResizeBilinearAttrs;
      return {
        images: () => resizeBilinearBackprop(dy as tf.Tensor4D, images.shape, alignCorners, halfPixelCenters),
      };
    },
  });
}

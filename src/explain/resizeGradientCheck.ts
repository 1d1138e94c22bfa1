import * as tf from '@tensorflow/tfjs-core';

/**
 * Max relative error between the registered ResizeBilinear gradient and central finite differences of
 * L(x) = Σ w ⊙ resize(x). Backend-agnostic so the worker can prove the active backend (WebGL included) at run time.
 */
export function resizeGradientError(
  inShape: [number, number, number, number],
  size: [number, number],
  alignCorners: boolean,
  halfPixelCenters: boolean,
): number {
  return tf.tidy(() => {
    const x = tf.randomUniform(inShape, -1, 1, 'float32', 11) as tf.Tensor4D;
    const w = tf.randomUniform([inShape[0], size[0], size[1], inShape[3]], -1, 1, 'float32', 12);
    const loss = (t: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeBilinear(t as tf.Tensor4D, size, alignCorners, halfPixelCenters), w));
    const analytic = tf.grad(loss)(x).dataSync();
    const xs = x.dataSync();
    const eps = 1e-2;
    let worst = 0;
    let scale = 1e-6;
    const fd = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const plus = Float32Array.from(xs);
      const minus = Float32Array.from(xs);
      plus[i] = (plus[i] as number) + eps;
      minus[i] = (minus[i] as number) - eps;
      const lp = loss(tf.tensor4d(plus, inShape)).dataSync()[0] as number;
      const lm = loss(tf.tensor4d(minus, inShape)).dataSync()[0] as number;
      fd[i] = (lp - lm) / (2 * eps);
      scale = Math.max(scale, Math.abs(fd[i] as number));
    }
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs((analytic[i] as number) - (fd[i] as number)));
    return worst / scale;
  });
}

// Test helper: a SegmentationModel small enough that scheduling, not arithmetic, decides what a test sees.
import type { JobRequest } from '../../src/engine/protocol';
import type { MethodSettings } from '../../src/methods/registry';
import * as tf from '@tensorflow/tfjs-core';
import type { Pixels } from '../../src/core/modelInfo';
import type { SegmentationModel } from '../../src/model/types';

const N = 16;

/** Two classes on a 16×16 grid; the only layer is the input's grey level; class 1 scores where it is bright. */
export function createToyModel(over: Partial<SegmentationModel> = {}): SegmentationModel {
  const scores = (a: tf.Tensor4D) =>
    tf.tidy(() => tf.concat([tf.neg(tf.sub(a, 0.5)), tf.sub(a, 0.5)], 3) as tf.Tensor4D);
  const grey = (x: tf.Tensor4D) => tf.mean(x, 3, true) as tf.Tensor4D;
  return {
    id: 'toy',
    title: 'Toy',
    inputSize: [N, N],
    outputSize: [N, N],
    classes: [
      { name: 'dark', color: '#000000' },
      { name: 'bright', color: '#ffffff' },
    ],
    layers: [{ name: 'grey', shape: [N, N, 1] }],
    defaultLayer: 'grey',
    bottleneck: 'grey',
    outputKind: 'softmax',
    maxBatch: 8,
    preprocess: (p: Pixels) =>
      tf.tidy(
        () =>
          tf.expandDims(
            tf.div(
              tf.image.resizeBilinear(
                tf.slice(tf.tensor3d(Float32Array.from(p.data), [p.height, p.width, 4]), [0, 0, 0], [-1, -1, 3]),
                [N, N],
              ),
              255,
            ),
            0,
          ) as tf.Tensor4D,
      ),
    forward: (x) => tf.tidy(() => scores(grey(x))),
    runToLayer: (x) => grey(x),
    runFromLayer: (_x, _layer, a) => scores(a),
    dispose: () => undefined,
    ...over,
  };
}

/** A 16×16 picture with a bright disc in the middle. */
export function toyPixels(): Pixels {
  const data = new Uint8ClampedArray(N * N * 4);
  for (let i = 0; i < N * N; i++) {
    const v = Math.hypot((i % N) - 8, Math.floor(i / N) - 8) < 5 ? 230 : 20;
    data.set([v, v, v, 255], i * 4);
  }
  return { width: N, height: N, data };
}

/** A RISE job on the toy model's centre pixel, class 1 (4×4 cells, p = 0.5, every mask): tests change what they need. */
export function toyRiseJob(settings: Partial<MethodSettings['rise']> = {}): JobRequest {
  return {
    region: { kind: 'point', x: 0.5, y: 0.5 },
    classIndex: 1,
    layer: 'grey',
    baseline: 'mean',
    method: {
      id: 'rise',
      settings: {
        count: 64,
        gridSize: 4,
        keepProbability: 0.5,
        seed: 5,
        stop: 'all',
        tolerance: 1,
        weighting: 'dice',
        ...settings,
      },
    },
  };
}

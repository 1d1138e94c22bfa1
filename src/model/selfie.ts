import * as tf from '@tensorflow/tfjs-core';
import { GraphModel } from '@tensorflow/tfjs-converter';
import { withAffinity } from './affinity';
import { graphFlow } from './affinityGraph';
import { graphNodes, withBatchSize } from './graphArtifacts';
import { listGraphLayers } from './graphLayers';
import { pixelsToInput } from './pixels';
import { bundledModelInfo } from '../core/models';
import type { LayerInfo, Pixels } from '../core/modelInfo';
import type { SegmentationModel } from './types';
import { graphRandomization } from './graphRandomization';

export const SELFIE = {
  id: 'selfie',
  input: 'input_1',
  /** pre-sigmoid output: we explain logits */
  logits: 'segment_add',
  size: 256,
  bottleneck: 'add_4__xeno_compat__1',
  /** layers worth naming in the picker (docs/NOTES-tfjs.md) */
  named: {
    add_4__xeno_compat__1: 'bottleneck',
    multiply_6: 'head',
    'ArithmeticOptimizer/AddOpsRewrite_add__xeno_compat__1': 'skip 1/8',
    conv2d_4_1: 'skip 1/4',
    mul_1: 'skip 1/2',
  } as Record<string, string>,
} as const;

/** Batch size used for RISE forward passes. */
export const SELFIE_BATCH = 8;

/**
 * The most images that run one by one on the batch-1 graph instead of padded to SELFIE_BATCH: on wasm one image costs
 * about as much per image either way, so a padded pass for two would cost four times its share.
 */
const SINGLES_UP_TO = SELFIE_BATCH / 4;

/**
 * The bundled MediaPipe selfie model (MobileNetV3-style encoder, UNet-style decoder). Two graph instances share
 * the weights: batch 1 for explanations, batch SELFIE_BATCH for RISE (the graph's batch is baked in).
 */
export async function createSelfieModel(artifacts: tf.io.ModelArtifacts): Promise<SegmentationModel> {
  const single = new GraphModel(tf.io.fromMemory(artifacts));
  await single.load();
  const batched = new GraphModel(tf.io.fromMemory(await withBatchSize(artifacts, SELFIE_BATCH)));
  await batched.load();
  const n = SELFIE.size;

  const probe = tf.zeros([1, n, n, 3]);
  const all = listGraphLayers(single, artifacts, { [SELFIE.input]: probe }, new Set([SELFIE.logits]));
  probe.dispose();
  const layers: LayerInfo[] = withAffinity(
    all.map((l) => ({ ...l, label: SELFIE.named[l.name] })),
    graphFlow(graphNodes(artifacts), SELFIE.logits),
  );
  // Named layers first, bottleneck on top; the rest keep graph order.
  layers.sort(
    (a, b) =>
      Number(!a.label) - Number(!b.label) ||
      Number(b.name === SELFIE.bottleneck) - Number(a.name === SELFIE.bottleneck),
  );

  // The sanity check swaps both graphs' weight maps with the same draws (only the batch-1 graph runs a check's passes).
  const randomization = graphRandomization(artifacts, [single, batched]);

  const toScores = (logit: tf.Tensor): tf.Tensor4D => tf.concat([tf.neg(logit), logit], -1) as tf.Tensor4D;

  /** The logit l of a batch, [B, n, n, 1] (scores are [−l, l], built only when asked for). */
  function logitsOf(x: tf.Tensor4D): tf.Tensor4D {
    const b = x.shape[0];
    return tf.tidy(() => {
      if (b === 1) return single.execute({ [SELFIE.input]: x }, SELFIE.logits) as tf.Tensor4D;
      const parts: tf.Tensor[] = [];
      for (let start = 0; start < b; start += SELFIE_BATCH) {
        const take = Math.min(SELFIE_BATCH, b - start);
        // A short remainder (RISE's last batch before a check point) runs image by image rather than padded to 8.
        if (take <= SINGLES_UP_TO) {
          for (let i = start; i < b; i++)
            parts.push(
              single.execute({ [SELFIE.input]: tf.slice(x, [i, 0, 0, 0], [1, n, n, 3]) }, SELFIE.logits) as tf.Tensor,
            );
          break;
        }
        let chunk = tf.slice(x, [start, 0, 0, 0], [take, n, n, 3]);
        // The graph only takes exactly SELFIE_BATCH images: pad the last chunk, drop the padding's outputs.
        if (take < SELFIE_BATCH) chunk = tf.concat([chunk, tf.zeros([SELFIE_BATCH - take, n, n, 3])], 0);
        const out = batched.execute({ [SELFIE.input]: chunk }, SELFIE.logits) as tf.Tensor;
        parts.push(tf.slice(out, [0, 0, 0, 0], [take, n, n, 1]));
      }
      return tf.concat(parts, 0) as tf.Tensor4D;
    });
  }
  const forwardBatch = (x: tf.Tensor4D): tf.Tensor4D => tf.tidy(() => toScores(logitsOf(x)));

  /** Labels without building the two-class scores: person where l > 0 (the concat costs as much as the graph). */
  async function labels(x: tf.Tensor4D): Promise<Uint8Array[]> {
    const positive = tf.tidy(() => tf.cast(tf.greater(logitsOf(x), 0), 'int32'));
    const data = await positive.data();
    positive.dispose();
    const size = n * n;
    return Array.from({ length: x.shape[0] }, (_, i) => Uint8Array.from(data.subarray(i * size, (i + 1) * size)));
  }

  return {
    id: SELFIE.id,
    title: bundledModelInfo(SELFIE.id)?.title ?? SELFIE.id,
    inputSize: [n, n],
    outputSize: [n, n],
    classes: [
      { name: 'background', color: '#3b4252' },
      { name: 'person', color: '#ff5c8a' },
    ],
    layers,
    defaultLayer: SELFIE.bottleneck,
    bottleneck: SELFIE.bottleneck,
    outputKind: 'sigmoid',
    maxBatch: SELFIE_BATCH,
    // One image runs the batch-1 graph; anything else is padded to SELFIE_BATCH, so only these two are worth timing.
    batchSizes: [1, SELFIE_BATCH],
    preprocess: (pixels: Pixels) => pixelsToInput(pixels, [n, n], 3),
    forward: forwardBatch,
    labels,
    runToLayer(x, layer) {
      return single.execute({ [SELFIE.input]: x }, layer) as tf.Tensor4D;
    },
    runFromLayer(x, layer, activations) {
      return tf.tidy(() =>
        toScores(single.execute({ [SELFIE.input]: x, [layer]: activations }, SELFIE.logits) as tf.Tensor),
      );
    },
    ...('randomize' in randomization
      ? { randomizeWeights: randomization.randomize }
      : { sanityUnavailable: randomization.unavailable }),
    dispose() {
      single.dispose();
      batched.dispose();
    },
  };
}

// Writes e2e/fixtures/tiny-model/: a small encoder–decoder LayersModel (softmax over 3 classes, 32×32 RGB input)
// that the browser tests load as "the user's own model". Run: node scripts/make-tiny-model.mjs
import * as tf from '@tensorflow/tfjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
{
  await tf.setBackend('cpu');
  const input = tf.input({ shape: [32, 32, 3], name: 'image' });
  const c1 = tf.layers
    .conv2d({
      filters: 8,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'enc',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    })
    .apply(input);
  const p1 = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(c1);
  const c2 = tf.layers
    .conv2d({
      filters: 8,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'bottleneck',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    })
    .apply(p1);
  const up = tf.layers.upSampling2d({ size: [2, 2], name: 'up' }).apply(c2);
  const cat = tf.layers.concatenate({ name: 'skip' }).apply([up, c1]);
  const out = tf.layers
    .conv2d({
      filters: 3,
      kernelSize: 1,
      activation: 'softmax',
      name: 'classes',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    })
    .apply(cat);
  const model = tf.model({ inputs: input, outputs: out });
  const dir = join(here, '..', 'e2e', 'fixtures', 'tiny-model');
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      writeFileSync(
        join(dir, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
        }),
      );
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(a.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  console.log('wrote', dir);
}

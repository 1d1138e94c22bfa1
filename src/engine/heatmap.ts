import * as tf from '@tensorflow/tfjs-core';
import { postProcess } from '../explain/normalize';
import type { HeatMap } from '../core/results';

/** Post-processes a raw map to the input grid and downloads it; the returned tensor is the map the engine keeps. */
export async function toHeatMap(
  raw: tf.Tensor2D,
  size: [number, number],
): Promise<{ map: HeatMap; tensor: tf.Tensor2D }> {
  const peak = tf.max(raw);
  const positive = (await peak.data())[0]! > 0;
  peak.dispose();
  const tensor = postProcess(raw, size);
  const data = (await tensor.data()) as Float32Array;
  return { map: { data, size, positive }, tensor };
}

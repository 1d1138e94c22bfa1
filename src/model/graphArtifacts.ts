import * as tf from '@tensorflow/tfjs-core';

type GraphNode = {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { shape?: { dim?: { size: string }[] } }>;
};

/**
 * The selfie graph fixes its batch to 1 (the Placeholder's shape and the int32 input_sizes of its transposed
 * convolution). Returns artifacts patched for batch size `batch`: weights are decoded, patched and re-encoded.
 */
export async function withBatchSize(artifacts: tf.io.ModelArtifacts, batch: number): Promise<tf.io.ModelArtifacts> {
  const topology = structuredClone(artifacts.modelTopology) as { node: GraphNode[] };
  for (const node of topology.node) {
    if (node.op !== 'Placeholder') continue;
    const dims = node.attr?.shape?.shape?.dim;
    if (dims && dims.length === 4 && dims[0]) dims[0].size = String(batch);
  }
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData;
  if (!data) throw new Error('model artifacts have no weights');
  const weights = tf.io.decodeWeights(data, specs);
  const patched: tf.NamedTensorMap = {};
  for (const spec of specs) {
    const t = weights[spec.name] as tf.Tensor;
    if (spec.name.endsWith('/input_sizes') && t.dtype === 'int32' && t.size === 4) {
      const v = Array.from(t.dataSync());
      v[0] = batch;
      patched[spec.name] = tf.tensor1d(v, 'int32');
      t.dispose();
    } else {
      patched[spec.name] = t;
    }
  }
  const encoded = await tf.io.encodeWeights(patched);
  Object.values(patched).forEach((t) => t.dispose());
  return { ...artifacts, modelTopology: topology, weightSpecs: encoded.specs, weightData: encoded.data };
}

export function graphNodes(artifacts: tf.io.ModelArtifacts): GraphNode[] {
  return ((artifacts.modelTopology as { node?: GraphNode[] })?.node ?? []) as GraphNode[];
}

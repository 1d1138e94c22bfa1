import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { graphNodes } from './graphArtifacts';
import type { LayerInfo } from '../core/modelInfo';
import { tokenLayout } from './tokenGrid';

// Ops whose outputs are meaningful feature maps (block outputs), not constants or bias pieces.
const FEATURE_OPS = new Set([
  'Add',
  'AddV2',
  'AddN',
  'Mul',
  'Relu',
  'Relu6',
  'Conv2D',
  'DepthwiseConv2dNative',
  'ResizeBilinear',
  'Conv2DBackpropInput',
  'Concat',
  'ConcatV2',
  'MaxPool',
  'AvgPool',
]);

/**
 * Every 4-D spatial tensor of a graph (batch 1, h and w ≥ 2, smaller than the input), with its shape, in graph order.
 * Shapes come from one forward pass that fetches all candidates at once.
 */
export function listGraphLayers(
  model: GraphModel,
  artifacts: tf.io.ModelArtifacts,
  input: Record<string, tf.Tensor>,
  exclude: ReadonlySet<string>,
): LayerInfo[] {
  const [ih, iw] = (Object.values(input)[0] as tf.Tensor).shape.slice(1, 3) as [number, number];
  const names = graphNodes(artifacts)
    .filter((n) => FEATURE_OPS.has(n.op) && !exclude.has(n.name))
    .map((n) => n.name);
  const outs = model.execute(input, names) as tf.Tensor[];
  // The residual stream: Adds of two computed values, not a Dense layer's bias.
  const nodes = graphNodes(artifacts);
  const consts = new Set(nodes.filter((n) => n.op === 'Const').map((n) => n.name));
  const adds = new Set(
    nodes
      .filter(
        (n) => (n.op === 'AddV2' || n.op === 'Add') && !(n.input ?? []).some((i) => consts.has(i.split(':')[0] ?? '')),
      )
      .map((n) => n.name),
  );
  const layers: LayerInfo[] = [];
  names.forEach((name, i) => {
    const t = outs[i] as tf.Tensor;
    // A transformer block's residual Add of [1, T, D] tokens on a patch grid is offered as that grid.
    const tokens =
      t.rank === 3 && t.shape[0] === 1 && adds.has(name) ? tokenLayout(t.shape[1] as number, [ih, iw]) : null;
    if (tokens) layers.push({ name, shape: [...tokens.grid, t.shape[2] as number], tokens });
    const [b, h, w, k] = t.shape;
    if (
      t.rank === 4 &&
      b === 1 &&
      h !== undefined &&
      w !== undefined &&
      k !== undefined &&
      h >= 2 &&
      w >= 2 &&
      h < ih &&
      w < iw
    ) {
      layers.push({ name, shape: [h, w, k] });
    }
    t.dispose();
  });
  return layers;
}

import * as tf from '@tensorflow/tfjs-core';
import { GraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { withAffinity } from './affinity';
import { graphFlow } from './affinityGraph';
import { flowOfLayersModel } from './affinityLayers';
import { graphNodes } from './graphArtifacts';
import { listGraphLayers } from './graphLayers';
import { onnxCore } from './onnx/core';
import { listLayers, runLayers } from './layersGraph';
import { pixelsToInput } from './pixels';
import { gridToTokens, tokensToGrid } from './tokenGrid';
import type { ClassInfo, CustomModelOptions, LayerInfo } from '../core/modelInfo';
import type { Core } from './customCore';
import type { SegmentationModel } from './types';
import { graphRandomization } from './graphRandomization';
import { layersRandomization } from './layersRandomization';

const CONTROL_FLOW = new Set([
  'Enter',
  'Exit',
  'Merge',
  'Switch',
  'NextIteration',
  'LoopCond',
  'While',
  'StatelessWhile',
  'If',
  'StatelessIf',
]);
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

function graphCore(artifacts: tf.io.ModelArtifacts, model: GraphModel): Core {
  const input = model.inputs[0];
  const output = model.outputs[0];
  if (!input || !output) throw new Error('The graph model has no input or no output.');
  const shape = input.shape ?? [];
  const [, h, w, c] = shape;
  if (shape.length !== 4 || !h || !w || !c || h < 0 || w < 0) {
    throw new Error(
      `The model input ${input.name} has shape [${shape.join(', ')}]; a fixed [1, H, W, C] input is needed.`,
    );
  }
  const last = graphNodes(artifacts).find((n) => n.name === output.name.replace(/:0$/, ''));
  return {
    inputShape: [h, w, c],
    activation: last?.op === 'Softmax' ? 'softmax' : last?.op === 'Sigmoid' ? 'sigmoid' : null,
    run: (x, opts = {}) => {
      const feed: Record<string, tf.Tensor> = { [input.name]: x };
      if (opts.replace) feed[opts.replace.layer] = opts.replace.value;
      return model.execute(feed, opts.until ?? output.name) as tf.Tensor;
    },
    layers: (probe) => listGraphLayers(model, artifacts, { [input.name]: probe }, new Set([output.name])),
    flow: graphFlow(graphNodes(artifacts), output.name),
    maxBatch: 1,
    randomization: graphRandomization(artifacts, [model]),
    dispose: () => model.dispose(),
  };
}

function layersCore(model: LayersModel): Core {
  const shape = model.inputs[0]?.shape ?? [];
  const [, h, w, c] = shape;
  if (shape.length !== 4 || !h || !w || !c)
    throw new Error(`The model input has shape [${shape.join(', ')}]; a fixed [null, H, W, C] input is needed.`);
  const lastLayer = model.layers[model.layers.length - 1] as unknown as { getConfig(): { activation?: string } };
  const act = lastLayer?.getConfig().activation;
  return {
    inputShape: [h, w, c],
    activation: act === 'softmax' || act === 'sigmoid' ? act : null,
    run: (x, opts) => runLayers(model, x, opts),
    runWithTaps: (x, taps) => runLayers(model, x, { taps }),
    layers: () => listLayers(model, [h, w]),
    flow: flowOfLayersModel(model),
    maxBatch: 8,
    randomization: layersRandomization(model),
    dispose: () => model.dispose(),
  };
}

/** A layer named bottleneck if there is one, else the deepest layer with the smallest grid (an encoder–decoder's). */
export function bottleneckGuess(layers: readonly LayerInfo[]): string {
  const named = layers.find((l) => /(^|[/_.:-])bottleneck([/_.:-]|$)/i.test(l.name));
  if (named) return named.name;
  let best: LayerInfo | undefined;
  for (const l of layers) if (!best || l.shape[0] * l.shape[1] <= best.shape[0] * best.shape[1]) best = l;
  return best?.name ?? '';
}

/** A user's LayersModel or GraphModel behind the common adapter; refuses what it cannot explain, with a reason. */
export async function createCustomModel(
  artifacts: tf.io.ModelArtifacts,
  options: CustomModelOptions,
  title: string,
): Promise<SegmentationModel> {
  const topology = artifacts.modelTopology as { node?: { op: string }[]; class_name?: string } | undefined;
  if (!topology || typeof topology !== 'object') throw new Error('model.json has no model topology.');
  let core: Core;
  if (Array.isArray(topology.node)) {
    const flow = topology.node.find((n) => CONTROL_FLOW.has(n.op));
    if (flow)
      throw new Error(
        `The graph uses control flow (${flow.op}), which TensorFlow.js cannot differentiate: gradients are impossible.`,
      );
    const model = new GraphModel(tf.io.fromMemory(artifacts));
    await model.load();
    core = graphCore(artifacts, model);
  } else if (topology.class_name || (topology as { model_config?: unknown }).model_config) {
    core = layersCore(await loadLayersModel(tf.io.fromMemory(artifacts)));
  } else {
    throw new Error('model.json is neither a TensorFlow.js LayersModel nor a GraphModel.');
  }
  try {
    return await adapt(core, options, title);
  } catch (e) {
    core.dispose();
    throw e;
  }
}

/** A user's .onnx file behind the common adapter: every method, gradients included, runs on it as tfjs ops. */
export async function createOnnxModel(
  bytes: Uint8Array,
  options: CustomModelOptions,
  title: string,
): Promise<SegmentationModel> {
  const core = onnxCore(bytes);
  try {
    return await adapt(core, options, title);
  } catch (e) {
    core.dispose();
    throw e;
  }
}

/** The common adapter: a core (LayersModel, GraphModel, ONNX) as a SegmentationModel, token layers as their grids. */
export async function adapt(core: Core, options: CustomModelOptions, title: string): Promise<SegmentationModel> {
  const [h, w, c] = core.inputShape;
  if (c !== 1 && c !== 3)
    throw new Error(`The model takes ${c} channels; only 1 (grayscale) or 3 (RGB) are supported.`);
  const probe = tf.zeros([1, h, w, c]) as tf.Tensor4D;
  let outShape: number[];
  try {
    const out = tf.tidy(() => core.run(probe));
    outShape = out.shape;
    out.dispose();
  } catch (e) {
    probe.dispose();
    throw new Error(`The model could not run on this backend: ${(e as Error).message}`, { cause: e });
  }
  if (outShape.length !== 4 || outShape[0] !== 1) {
    probe.dispose();
    throw new Error(
      `The model's output has shape [${outShape.join(', ')}]; a segmentation output [1, H, W, C] is needed.`,
    );
  }
  const [, oh, ow, oc] = outShape as [number, number, number, number];
  const kind = options.outputKind === 'auto' ? (oc === 1 ? 'sigmoid' : 'softmax') : options.outputKind;
  if (kind === 'sigmoid' && oc !== 1) {
    probe.dispose();
    throw new Error(`A sigmoid model has one output channel; this one has ${oc}.`);
  }
  const activated = options.outputIs === 'auto' ? core.activation !== null : options.outputIs === 'probabilities';
  // Probabilities are turned back into logits (log, logit) after every layer: then no layer is affine to the scores.
  const layers = activated
    ? core.layers(probe).map((l) => ({ ...l, affineToOutput: false }))
    : withAffinity(core.layers(probe), core.flow);
  probe.dispose();

  const names = options.classNames.map((n) => n.trim()).filter(Boolean);
  const classes: ClassInfo[] =
    kind === 'sigmoid'
      ? [
          { name: 'background', color: '#000000' },
          { name: names[0] ?? 'foreground', color: PALETTE[0] as string },
        ]
      : Array.from({ length: oc }, (_, i) => ({
          name: names[i] ?? `class ${i}`,
          color: i === 0 ? '#000000' : (PALETTE[(i - 1) % PALETTE.length] as string),
        }));

  /** Raw output → class scores on logits (probabilities are turned back into logits, up to a per-pixel constant). */
  const toScores = (y: tf.Tensor): tf.Tensor4D => {
    const eps = 1e-6;
    if (kind === 'sigmoid') {
      const logit = activated ? tf.log(tf.div(tf.add(y, eps), tf.sub(1 + eps, y))) : y;
      return tf.concat([tf.neg(logit), logit], -1) as tf.Tensor4D;
    }
    return (activated ? tf.log(tf.add(y, eps)) : y) as tf.Tensor4D;
  };
  const range = options.inputRange.split(',').map(Number) as [number, number];
  const tokensOf = new Map(layers.flatMap((l) => (l.tokens ? [[l.name, l.tokens] as const] : [])));

  return {
    id: 'custom',
    title,
    inputSize: [h, w],
    outputSize: [oh, ow],
    classes,
    layers,
    defaultLayer: bottleneckGuess(layers),
    bottleneck: bottleneckGuess(layers),
    outputKind: kind,
    maxBatch: core.maxBatch,
    preprocess: (pixels) => pixelsToInput(pixels, [h, w], c as 1 | 3, range),
    forward: (x) =>
      tf.tidy(() => {
        if (x.shape[0] <= core.maxBatch) return toScores(core.run(x));
        const parts = [];
        for (let i = 0; i < x.shape[0]; i += core.maxBatch)
          parts.push(
            toScores(
              core.run(tf.slice(x, [i, 0, 0, 0], [Math.min(core.maxBatch, x.shape[0] - i), -1, -1, -1]) as tf.Tensor4D),
            ),
          );
        return tf.concat(parts, 0) as tf.Tensor4D;
      }),
    runToLayer: (x, layer) =>
      tf.tidy(() => {
        const raw = core.run(x, { until: layer });
        const tokens = tokensOf.get(layer);
        return tokens ? tokensToGrid(raw, tokens) : (raw as tf.Tensor4D);
      }),
    runFromLayer: (x, layer, a) =>
      tf.tidy(() => {
        const tokens = tokensOf.get(layer);
        // A token layer's extra (class, register) tokens keep the values the image gave them.
        const value = tokens ? gridToTokens(a, core.run(x, { until: layer }), tokens) : a;
        return toScores(core.run(x, { replace: { layer, value } }));
      }),
    ...(core.runWithTaps && {
      runWithTaps: (x: tf.Tensor4D, taps: ReadonlyMap<string, tf.Tensor4D>) =>
        tf.tidy(() => {
          const raw = new Map<string, tf.Tensor>();
          for (const [layer, tap] of taps) {
            const tokens = tokensOf.get(layer);
            raw.set(layer, tokens ? gridToTokens(tap, tf.zeros([1, tokens.tokens, tap.shape[3]]), tokens) : tap);
          }
          return toScores((core.runWithTaps as NonNullable<Core['runWithTaps']>)(x, raw));
        }),
    }),
    ...('randomize' in core.randomization
      ? { randomizeWeights: core.randomization.randomize }
      : { sanityUnavailable: core.randomization.unavailable }),
    dispose: () => core.dispose(),
  };
}

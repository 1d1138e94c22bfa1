import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Classified, Flow, FlowNode } from './affinity';

/** A layer of a functional LayersModel as the walk needs it: its class, its config and the layers it reads. */
export interface LayerSpec {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inputs: string[];
}

const WEIGHTED: Record<string, string> = {
  Conv1D: 'convolution',
  Conv2D: 'convolution',
  Conv3D: 'convolution',
  Conv2DTranspose: 'transposed convolution',
  Conv3DTranspose: 'transposed convolution',
  DepthwiseConv2D: 'depthwise convolution',
  SeparableConv2D: 'separable convolution',
  Dense: 'dense layer',
};

/** Layers that are linear at inference (dropout and noise are the identity with training off). */
const LINEAR: Record<string, string> = {
  Reshape: 'reshape',
  Permute: 'permute',
  Flatten: 'flatten',
  RepeatVector: 'repeat',
  Dropout: 'dropout',
  SpatialDropout1D: 'dropout',
  SpatialDropout2D: 'dropout',
  SpatialDropout3D: 'dropout',
  GaussianNoise: 'dropout',
  GaussianDropout: 'dropout',
  AlphaDropout: 'dropout',
  ZeroPadding1D: 'zero padding',
  ZeroPadding2D: 'zero padding',
  ZeroPadding3D: 'zero padding',
  Cropping1D: 'cropping',
  Cropping2D: 'cropping',
  Cropping3D: 'cropping',
  AveragePooling1D: 'average pooling',
  AveragePooling2D: 'average pooling',
  AveragePooling3D: 'average pooling',
  GlobalAveragePooling1D: 'global average pooling',
  GlobalAveragePooling2D: 'global average pooling',
  Multiply: 'multiplication',
  Dot: 'dot product',
};

const ADDITIVE: Record<string, string> = { Add: 'addition', Subtract: 'subtraction', Average: 'average' };

/** Linear layers that map a spatially constant input to a constant output (see FlowNode.pointwise). */
const RESAMPLING = new Set([
  'Cropping1D',
  'Cropping2D',
  'Cropping3D',
  'AveragePooling1D',
  'AveragePooling2D',
  'AveragePooling3D',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'Add',
  'Subtract',
  'Average',
]);
const IDENTITY_AT_INFERENCE = new Set([
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
]);

const linearActivation = (config: Record<string, unknown>) =>
  config.activation === 'linear' || config.activation == null;
const ones = (v: unknown) => (Array.isArray(v) ? v : [v]).every((x) => x === 1);
const lastAxis = (v: unknown) => (Array.isArray(v) ? v : [v]).every((x) => x === -1 || x === 3);

function classifyWeighted(className: string, weighted: string, config: Record<string, unknown>): Classified {
  if (!linearActivation(config)) return { kind: 'nonlinear', label: className, pointwise: false };
  const k = config.kernelSize ?? config.kernel_size; // live layers say kernelSize, saved JSON kernel_size
  const kernel = className === 'Conv2D' && Array.isArray(k) ? `${k.join('×')} ` : '';
  // A 1×1 kernel mixes channels at each position; a transposed one also needs stride 1 (else it inserts zeros).
  const pointwise = className === 'Dense' || (ones(k) && (!className.endsWith('Transpose') || ones(config.strides)));
  return { kind: 'multilinear', label: `${kernel}${weighted}`, pointwise };
}

/** How a Keras layer acts on what it reads, and its name for people. Unknown layers are nonlinear. */
export function classifyLayer(spec: LayerSpec): Classified {
  const { className, config } = spec;
  const weighted = WEIGHTED[className];
  if (weighted !== undefined) return classifyWeighted(className, weighted, config);
  if (className === 'Activation')
    return linearActivation(config)
      ? { kind: 'multilinear', label: 'identity', pointwise: true }
      : { kind: 'nonlinear', label: className, pointwise: false };
  if (className === 'UpSampling2D')
    return {
      kind: 'multilinear',
      label: `${config.interpolation === 'bilinear' ? 'bilinear' : 'nearest'} upsampling`,
      pointwise: true,
    };
  if (className === 'BatchNormalization')
    return { kind: 'multilinear', label: 'batch normalisation', pointwise: lastAxis(config.axis) };
  if (className === 'Concatenate')
    return { kind: 'additive', label: 'concatenation', pointwise: lastAxis(config.axis) };
  const pointwise = RESAMPLING.has(className) || IDENTITY_AT_INFERENCE.has(className);
  const linear = LINEAR[className];
  if (linear !== undefined) return { kind: 'multilinear', label: linear, pointwise };
  const additive = ADDITIVE[className];
  if (additive !== undefined) return { kind: 'additive', label: additive, pointwise };
  return { kind: 'nonlinear', label: className, pointwise: false };
}

/** The dataflow of a functional model, with `output` the layer whose value the adapter takes as the logits. */
export function layersFlow(specs: readonly LayerSpec[], output: string): Flow {
  const nodes: FlowNode[] = specs.map((s) => ({ id: s.name, inputs: s.inputs, ...classifyLayer(s) }));
  return { nodes, output };
}

interface LiveLayer {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  inboundNodes: { inboundLayers: { name: string }[] }[];
}

/** The flow of a loaded LayersModel (runLayers refuses shared layers, so each layer has one inbound node). */
export function flowOfLayersModel(model: LayersModel): Flow {
  const specs = (model.layers as unknown as LiveLayer[]).map((l) => ({
    name: l.name,
    className: l.getClassName(),
    config: l.getConfig(),
    inputs: l.inboundNodes.flatMap((n) => n.inboundLayers.map((i) => i.name)),
  }));
  const out = (model.outputs[0] as unknown as { sourceLayer: { name: string } } | undefined)?.sourceLayer.name ?? '';
  return layersFlow(specs, out);
}

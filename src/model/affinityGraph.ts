import type { Classified, Flow, FlowNode } from './affinity';

/** A node of a converted TensorFlow graph (model.json's modelTopology.node). */
export interface GraphOpSpec {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

const MULTILINEAR: Record<string, string> = {
  Conv2D: 'convolution',
  Conv3D: 'convolution',
  Conv2DBackpropInput: 'transposed convolution',
  DepthwiseConv2dNative: 'depthwise convolution',
  MatMul: 'matrix product',
  BatchMatMul: 'matrix product',
  BatchMatMulV2: 'matrix product',
  Mul: 'multiplication',
  ResizeBilinear: 'bilinear resize',
  ResizeNearestNeighbor: 'nearest resize',
  FusedBatchNorm: 'batch normalisation',
  FusedBatchNormV2: 'batch normalisation',
  FusedBatchNormV3: 'batch normalisation',
  AvgPool: 'average pooling',
  Mean: 'mean',
  Sum: 'sum',
  Identity: 'identity',
  Snapshot: 'identity',
  Reshape: 'reshape',
  Squeeze: 'reshape',
  ExpandDims: 'reshape',
  Transpose: 'transpose',
  Pad: 'padding',
  PadV2: 'padding',
  MirrorPad: 'padding',
  Slice: 'slice',
  StridedSlice: 'slice',
  Tile: 'tile',
  DepthToSpace: 'depth to space',
  SpaceToDepth: 'space to depth',
  // how a dilated convolution is often exported: space-to-batch, convolution, batch-to-space
  SpaceToBatchND: 'space to batch',
  BatchToSpaceND: 'batch to space',
};

const ADDITIVE: Record<string, string> = {
  Add: 'addition',
  AddV2: 'addition',
  AddN: 'addition',
  BiasAdd: 'bias',
  Sub: 'subtraction',
  Neg: 'negation',
  Concat: 'concatenation',
  ConcatV2: 'concatenation',
};

const FUSED: Record<string, string> = {
  _FusedConv2D: 'convolution',
  FusedDepthwiseConv2dNative: 'depthwise convolution',
  _FusedMatMul: 'matrix product',
};

/** The ops fused into a _Fused* node, from the base64 strings the converter writes. */
function fusedOps(attr: Record<string, unknown> | undefined): string[] {
  const list = (attr?.fused_ops as { list?: { s?: string[] } } | undefined)?.list?.s ?? [];
  return list.map((s) => {
    try {
      return atob(s);
    } catch {
      return s;
    }
  });
}

/**
 * Linear ops that map a spatially constant input to a constant output, whatever their constants (FlowNode.pointwise).
 */
const RESAMPLING = new Set([
  'ResizeBilinear',
  'ResizeNearestNeighbor',
  'AvgPool',
  'Identity',
  'Snapshot',
  'Slice',
  'StridedSlice',
  'Tile',
  'Add',
  'AddV2',
  'AddN',
  'BiasAdd',
  'Sub',
  'Neg',
]);
const CONVOLUTIONS = new Set([
  'Conv2D',
  'DepthwiseConv2dNative',
  '_FusedConv2D',
  'FusedDepthwiseConv2dNative',
  'Conv2DBackpropInput',
]);

/** "name:1" → "name"; control inputs ("^name") carry no data and are dropped. */
const dataName = (i: string) => i.replace(/:\d+$/, '');
const dataInputs = (inputs: readonly string[] = []) => inputs.filter((i) => !i.startsWith('^')).map(dataName);

type Lookup = (name: string) => GraphOpSpec | undefined;

const constShape = (node: GraphOpSpec | undefined): number[] | null => {
  const dims = (node?.attr?.value as { tensor?: { tensorShape?: { dim?: { size: string }[] } } } | undefined)?.tensor
    ?.tensorShape?.dim;
  return node?.op === 'Const' && dims ? dims.map((d) => Number(d.size)) : null;
};
const constInt = (node: GraphOpSpec | undefined): number | null => {
  const v = (node?.attr?.value as { tensor?: { intVal?: (string | number)[] } } | undefined)?.tensor?.intVal;
  return node?.op === 'Const' && v?.length === 1 ? Number(v[0]) : null;
};

/** A convolution is pointwise with a 1×1 filter (a transposed one also needs stride 1, or it inserts zeros). */
function pointwiseConvolution(node: GraphOpSpec, lookup: Lookup): boolean {
  const filter = constShape(lookup(dataName(node.input?.[1] ?? '')));
  if (!filter || filter[0] !== 1 || filter[1] !== 1) return false;
  const strides = (node.attr?.strides as { list?: { i?: string[] } } | undefined)?.list?.i ?? [];
  return node.op !== 'Conv2DBackpropInput' || strides.every((s) => Number(s) === 1);
}

/** Concatenation keeps constants constant along the channels only (its axis is a Const input). */
function channelConcat(node: GraphOpSpec, lookup: Lookup): boolean {
  const inputs = node.input ?? [];
  const axis = constInt(lookup(dataName((node.op === 'Concat' ? inputs[0] : inputs[inputs.length - 1]) ?? '')));
  return axis === -1 || axis === 3;
}

/** How a graph op acts on what it reads, and its name for people. Unknown ops are nonlinear. */
export function classifyOp(node: GraphOpSpec, lookup: Lookup = () => undefined): Classified {
  const { op } = node;
  const fused = FUSED[op];
  const pointwise =
    RESAMPLING.has(op) ||
    (CONVOLUTIONS.has(op) && pointwiseConvolution(node, lookup)) ||
    (op.startsWith('FusedBatchNorm') &&
      [undefined, 'TkhXQw=='].includes((node.attr?.data_format as { s?: string } | undefined)?.s));
  // A fused op is linear only when it fuses a bias and nothing else (no Relu, Relu6, Prelu, Elu…).
  if (fused !== undefined)
    return fusedOps(node.attr).every((f) => f === 'BiasAdd')
      ? { kind: 'multilinear', label: fused, pointwise }
      : { kind: 'nonlinear', label: op, pointwise: false };
  const multilinear = MULTILINEAR[op];
  if (multilinear !== undefined) return { kind: 'multilinear', label: multilinear, pointwise };
  const additive = ADDITIVE[op];
  if (additive !== undefined)
    return {
      kind: 'additive',
      label: additive,
      pointwise: pointwise || (op.startsWith('Concat') && channelConcat(node, lookup)),
    };
  if (op === 'RealDiv' || op === 'Div') return { kind: 'divide', label: 'division', pointwise: false };
  return { kind: 'nonlinear', label: op, pointwise: false };
}

/** The dataflow of a graph, with `output` the node whose value the adapter takes as the logits. */
export function graphFlow(nodes: readonly GraphOpSpec[], output: string): Flow {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const flow: FlowNode[] = nodes.map((n) => ({
    id: n.name,
    inputs: dataInputs(n.input),
    ...classifyOp(n, (name) => byName.get(name)),
  }));
  return { nodes: flow, output: dataName(output) };
}

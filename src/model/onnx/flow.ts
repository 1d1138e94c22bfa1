import type { Classified, Flow, FlowNode } from '../affinity';
import type { OnnxNode } from './graph';

const MULTILINEAR: Record<string, string> = {
  Conv: 'convolution',
  ConvTranspose: 'transposed convolution',
  MatMul: 'matrix product',
  Gemm: 'matrix product',
  Mul: 'multiplication',
  Resize: 'resize',
  Upsample: 'resize',
  BatchNormalization: 'batch normalisation',
  AveragePool: 'average pooling',
  GlobalAveragePool: 'global average pooling',
  ReduceMean: 'mean',
  ReduceSum: 'sum',
  Identity: 'identity',
  Dropout: 'identity',
  Reshape: 'reshape',
  Flatten: 'reshape',
  Squeeze: 'reshape',
  Unsqueeze: 'reshape',
  Transpose: 'transpose',
  Pad: 'padding',
  Slice: 'slice',
  Split: 'split',
  Gather: 'gather',
  Expand: 'broadcast',
  Tile: 'tile',
};
const ADDITIVE: Record<string, string> = {
  Add: 'addition',
  Sub: 'subtraction',
  Neg: 'negation',
  Sum: 'addition',
  Concat: 'concatenation',
};
/** linear ops that map a spatially constant input to a constant output whatever their constants (FlowNode.pointwise) */
const RESAMPLING = new Set([
  'Resize',
  'Upsample',
  'AveragePool',
  'Identity',
  'Dropout',
  'Add',
  'Sub',
  'Neg',
  'Sum',
  'BatchNormalization',
]);

/** How an ONNX op acts on what it reads; `shapeOf` gives a constant input's shape (a convolution's filter). */
export function classifyOnnxOp(node: OnnxNode, shapeOf: (name: string) => readonly number[] | undefined): Classified {
  const { op } = node;
  const filter = op === 'Conv' ? shapeOf(node.inputs[1] ?? '') : undefined;
  const strides = node.attrs.get('strides');
  const oneByOne =
    !!filter && filter[2] === 1 && filter[3] === 1 && (!Array.isArray(strides) || strides.every((s) => s === 1));
  const channelConcat = op === 'Concat' && node.attrs.get('axis') === 1;
  const pointwise = RESAMPLING.has(op) || oneByOne || channelConcat;
  const multilinear = MULTILINEAR[op];
  if (multilinear !== undefined) return { kind: 'multilinear', label: multilinear, pointwise };
  const additive = ADDITIVE[op];
  if (additive !== undefined) return { kind: 'additive', label: additive, pointwise };
  if (op === 'Div') return { kind: 'divide', label: 'division', pointwise: false };
  return { kind: 'nonlinear', label: op, pointwise: false };
}

/** The dataflow of the image-dependent nodes, one flow node per value; `output` is the logits' value. */
export function onnxFlow(
  plan: readonly OnnxNode[],
  output: string,
  shapeOf: (name: string) => readonly number[] | undefined,
): Flow {
  const nodes: FlowNode[] = plan.flatMap((n) => {
    const classified = classifyOnnxOp(n, shapeOf);
    return n.outputs.filter(Boolean).map((id) => ({ id, inputs: n.inputs.filter(Boolean), ...classified }));
  });
  return { nodes, output };
}

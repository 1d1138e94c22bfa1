import type * as tf from '@tensorflow/tfjs-core';
import type { AttrValue, OnnxNode, OnnxTensor } from '../graph';

/** What an operator sees of its node: its inputs, the constant values among them, its attributes, the opset. */
export class OpContext {
  constructor(
    readonly node: OnnxNode,
    private readonly values: readonly (tf.Tensor | undefined)[],
    /** the values of inputs that are constants (initializers or folded at load time), read once */
    private readonly constants: (name: string) => number[] | undefined,
    readonly opset: number,
  ) {}

  get count(): number {
    return this.values.length;
  }

  /** input i, or undefined where the node leaves it out (an empty name) */
  maybe(i: number): tf.Tensor | undefined {
    return this.node.inputs[i] ? this.values[i] : undefined;
  }

  input(i: number): tf.Tensor {
    const t = this.maybe(i);
    if (!t) throw new Error(`${this.node.op} ${this.node.name} needs input ${i}.`);
    return t;
  }

  /** the values of a constant input (shapes, axes, pads, scales): a data-dependent one cannot be run as a graph */
  consts(i: number): number[] | undefined {
    const name = this.node.inputs[i];
    if (!name) return undefined;
    const v = this.constants(name);
    if (!v)
      throw new Error(
        `${this.node.op} ${this.node.name} reads input "${name}" as a constant, ` +
          'but it depends on the image (a data-dependent shape).',
      );
    return v;
  }

  attr(name: string): AttrValue | undefined {
    return this.node.attrs.get(name);
  }

  int(name: string, fallback: number): number {
    const v = this.attr(name);
    return typeof v === 'number' ? Math.trunc(v) : fallback;
  }

  float(name: string, fallback: number): number {
    const v = this.attr(name);
    return typeof v === 'number' ? v : fallback;
  }

  ints(name: string): number[] | undefined {
    const v = this.attr(name);
    return Array.isArray(v) ? (v as number[]) : undefined;
  }

  floats(name: string): number[] | undefined {
    return this.ints(name);
  }

  string(name: string, fallback: string): string {
    const v = this.attr(name);
    return typeof v === 'string' ? v : fallback;
  }

  tensor(name: string): OnnxTensor | undefined {
    const v = this.attr(name);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  }

  /** an attribute (older opsets) or a constant input (newer opsets) */
  intsFromAttrOrInput(attr: string, input: number): number[] | undefined {
    return this.ints(attr) ?? this.consts(input);
  }
}

/** An ONNX operator on tfjs tensors, in ONNX's own layout (NCHW). */
export type OpFn = (ctx: OpContext) => tf.Tensor | tf.Tensor[];

export const normAxis = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

import * as tf from '@tensorflow/tfjs-core';
import type { OpContext, OpFn } from './context';

const unary =
  (f: (x: tf.Tensor) => tf.Tensor): OpFn =>
  (c) =>
    f(c.input(0));
const binary =
  (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpFn =>
  (c) =>
    f(c.input(0), c.input(1));

/** integer division truncates in ONNX; shape arithmetic only meets non-negative integers, where floor is the same */
const divide = (a: tf.Tensor, b: tf.Tensor) =>
  a.dtype === 'int32' && b.dtype === 'int32' ? tf.floorDiv(a, b) : tf.div(a, b);

const hardSigmoid = (x: tf.Tensor, alpha: number, beta: number) => tf.clipByValue(tf.add(tf.mul(x, alpha), beta), 0, 1);

/** Clip: min and max are attributes before opset 11, optional constant inputs after */
function clip(c: OpContext): tf.Tensor {
  const lo = c.opset < 11 ? c.float('min', -Infinity) : (c.consts(1)?.[0] ?? -Infinity);
  const hi = c.opset < 11 ? c.float('max', Infinity) : (c.consts(2)?.[0] ?? Infinity);
  const x = c.input(0);
  // tf.clipByValue's gradient passes inside [lo, hi]; maximum/minimum give the same values for infinite bounds
  if (Number.isFinite(lo) && Number.isFinite(hi)) return tf.clipByValue(x, lo, hi);
  if (Number.isFinite(lo)) return tf.maximum(x, lo);
  if (Number.isFinite(hi)) return tf.minimum(x, hi);
  return tf.clone(x);
}

/** Pow with a constant exponent 2 or 0.5 uses square/sqrt: same values, and a gradient that is finite at 0 */
function pow(c: OpContext): tf.Tensor {
  const e = c.node.inputs[1] ? safeConst(c, 1) : undefined;
  if (e?.length === 1 && e[0] === 2) return tf.square(c.input(0));
  if (e?.length === 1 && e[0] === 0.5) return tf.sqrt(c.input(0));
  return tf.pow(c.input(0), c.input(1));
}

function safeConst(c: OpContext, i: number): number[] | undefined {
  try {
    return c.consts(i);
  } catch {
    return undefined;
  }
}

const variadic =
  (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): OpFn =>
  (c) => {
    let acc = c.input(0);
    for (let i = 1; i < c.count; i++) acc = f(acc, c.input(i));
    return c.count === 1 ? tf.clone(acc) : acc;
  };

const gelu = (x: tf.Tensor, approximate: string) => {
  const inner =
    approximate === 'tanh'
      ? tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))
      : tf.erf(tf.div(x, Math.SQRT2));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, inner));
};

export const ELEMENTWISE: Record<string, OpFn> = {
  Add: binary(tf.add),
  Sub: binary(tf.sub),
  Mul: binary(tf.mul),
  Div: binary(divide),
  Pow: pow,
  Max: variadic(tf.maximum),
  Min: variadic(tf.minimum),
  Sum: variadic(tf.add),
  Equal: binary(tf.equal),
  Less: binary(tf.less),
  Greater: binary(tf.greater),
  Where: (c) => tf.where(c.input(0) as tf.Tensor, c.input(1), c.input(2)),
  Sqrt: unary(tf.sqrt),
  Relu: unary(tf.relu),
  LeakyRelu: (c) => tf.leakyRelu(c.input(0), c.float('alpha', 0.01)),
  Sigmoid: unary(tf.sigmoid),
  HardSigmoid: (c) => hardSigmoid(c.input(0), c.float('alpha', 0.2), c.float('beta', 0.5)),
  HardSwish: (c) => tf.mul(c.input(0), hardSigmoid(c.input(0), 1 / 6, 0.5)),
  Clip: clip,
  Erf: unary(tf.erf),
  Gelu: (c) => gelu(c.input(0), c.string('approximate', 'none')),
  Tanh: unary(tf.tanh),
  Exp: unary(tf.exp),
  Log: unary(tf.log),
  Neg: unary(tf.neg),
  Abs: unary(tf.abs),
  Reciprocal: unary(tf.reciprocal),
  Floor: unary(tf.floor),
  Ceil: unary(tf.ceil),
  Identity: unary(tf.clone),
  Dropout: (c) => tf.clone(c.input(0)),
  Cast: (c) => {
    const to = c.int('to', 1);
    const dtype = to === 1 || to === 11 || to === 10 ? 'float32' : to === 9 ? 'bool' : 'int32';
    return tf.cast(c.input(0), dtype);
  },
};

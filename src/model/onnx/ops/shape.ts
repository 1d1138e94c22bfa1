import * as tf from '@tensorflow/tfjs-core';
import { normAxis, type OpContext, type OpFn } from './context';

function reshape(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const target = c.consts(1) ?? [];
  const allowZero = c.int('allowzero', 0) === 1;
  const shape = target.map((d, i) => (d === 0 && !allowZero ? (x.shape[i] as number) : d));
  return tf.reshape(x, shape);
}

function flatten(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axis = normAxis(c.int('axis', 1), x.rank);
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  return tf.reshape(x, [outer, -1]);
}

function squeeze(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axes = c.opset < 13 ? c.ints('axes') : c.node.inputs[1] ? c.consts(1) : undefined;
  return tf.squeeze(
    x,
    axes?.map((a) => normAxis(a, x.rank)),
  );
}

function unsqueeze(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axes = (c.opset < 13 ? c.ints('axes') : c.consts(1)) ?? [];
  const rank = x.rank + axes.length;
  const sorted = axes.map((a) => normAxis(a, rank)).sort((a, b) => a - b);
  const shape = [...x.shape];
  for (const a of sorted) shape.splice(a, 0, 1);
  return tf.reshape(x, shape);
}

function slice(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const rank = x.rank;
  const starts = (c.opset < 10 ? c.ints('starts') : c.consts(1)) ?? [];
  const ends = (c.opset < 10 ? c.ints('ends') : c.consts(2)) ?? [];
  const axes = (c.opset < 10 ? c.ints('axes') : c.node.inputs[3] ? c.consts(3) : undefined) ?? starts.map((_, i) => i);
  const steps = (c.opset >= 10 && c.node.inputs[4] ? c.consts(4) : undefined) ?? starts.map(() => 1);
  const begin = new Array<number>(rank).fill(0);
  const end = [...x.shape];
  const stride = new Array<number>(rank).fill(1);
  axes.forEach((a, i) => {
    const ax = normAxis(a, rank);
    const n = x.shape[ax] as number;
    const step = steps[i] ?? 1;
    const clampTo = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    let s = starts[i] ?? 0;
    let e = ends[i] ?? n;
    s = s < 0 ? s + n : s;
    e = e < 0 ? e + n : e;
    if (step > 0) {
      begin[ax] = clampTo(s, 0, n);
      end[ax] = clampTo(e, 0, n);
    } else {
      // ONNX: a negative step clamps starts to [0, n − 1] and ends to [−1, n − 1]
      begin[ax] = clampTo(s, 0, n - 1);
      end[ax] = clampTo(e, -1, n - 1);
    }
    stride[ax] = step;
  });
  let y = x;
  for (let ax = 0; ax < rank; ax++) y = stepSlice(y, ax, begin[ax] as number, end[ax] as number, stride[ax] as number);
  return y === x ? tf.clone(x) : y;
}

/**
 * x[begin:end:step] on one axis from gradient-safe ops (tfjs has no StridedSlice gradient): a negative step reverses
 * the axis; a step > 1 pads to a multiple of it, splits the axis in two and keeps the first of each group.
 */
export function stepSlice(x: tf.Tensor, axis: number, begin: number, end: number, step: number): tf.Tensor {
  const n = x.shape[axis] as number;
  if (step < 0) return stepSlice(tf.reverse(x, axis), axis, n - 1 - begin, n - 1 - end, -step);
  const count = Math.max(0, Math.ceil((end - begin) / step));
  if (step === 1 && begin === 0 && end === n) return x;
  const at = (v: number) => x.shape.map((_, i) => (i === axis ? v : 0));
  const len = (v: number) => x.shape.map((d, i) => (i === axis ? v : d));
  const taken = Math.min(count * step, n - begin);
  let y = tf.slice(x, at(begin), len(taken));
  if (step === 1) return y;
  if (taken < count * step)
    y = tf.pad(y, x.shape.map((_, i) => (i === axis ? [0, count * step - taken] : [0, 0])) as [number, number][]);
  const split = [...y.shape.slice(0, axis), count, step, ...y.shape.slice(axis + 1)];
  const firsts = tf.slice(
    tf.reshape(y, split),
    split.map(() => 0),
    split.map((d, i) => (i === axis + 1 ? 1 : d)),
  );
  return tf.reshape(firsts, len(count));
}

function split(c: OpContext): tf.Tensor[] {
  const x = c.input(0);
  const axis = normAxis(c.int('axis', 0), x.rank);
  const sizes = c.opset < 13 ? c.ints('split') : c.node.inputs[1] ? c.consts(1) : undefined;
  const n = c.node.outputs.length;
  if (sizes) return tf.split(x, sizes, axis);
  const total = x.shape[axis] as number;
  const each = Math.ceil(total / n);
  return tf.split(
    x,
    Array.from({ length: n }, (_, i) => Math.min(each, total - each * i)),
    axis,
  );
}

function gather(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const axis = normAxis(c.int('axis', 0), x.rank);
  const n = x.shape[axis] as number;
  const idx = c.input(1);
  const fixed = tf.tidy(() => tf.cast(tf.where(tf.less(idx, 0), tf.add(idx, n), idx), 'int32'));
  const flat = idx.rank === 0 ? tf.reshape(fixed, [1]) : fixed;
  const y = tf.gather(x, flat, axis);
  return idx.rank === 0 ? tf.squeeze(y, [axis]) : y;
}

function constantOfShape(c: OpContext): tf.Tensor {
  const shape = c.consts(0) ?? [];
  const value = c.tensor('value');
  const v = value ? (value.values[0] ?? 0) : 0;
  return tf.fill(shape, v, value?.dtype === 'int32' ? 'int32' : 'float32');
}

function shapeOf(c: OpContext): tf.Tensor {
  const dims = c.input(0).shape;
  const rank = dims.length;
  const start = normAxis(c.int('start', 0), rank);
  const end = c.attr('end') === undefined ? rank : normAxis(c.int('end', rank), rank);
  return tf.tensor1d(dims.slice(start, end), 'int32');
}

function expand(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const shape = c.consts(1) ?? [];
  // ONNX broadcasts both ways: a 1 in `shape` keeps x's dim
  const rank = Math.max(x.rank, shape.length);
  const xs = [...Array(rank - x.rank).fill(1), ...x.shape];
  const ts = [...Array(rank - shape.length).fill(1), ...shape];
  const out = xs.map((d, i) => Math.max(d as number, ts[i] as number));
  return tf.broadcastTo(tf.reshape(x, xs), out);
}

function range(c: OpContext): tf.Tensor {
  const [start, limit, delta] = [c.consts(0)?.[0] ?? 0, c.consts(1)?.[0] ?? 0, c.consts(2)?.[0] ?? 1];
  return tf.range(start, limit, delta, c.input(0).dtype === 'int32' ? 'int32' : 'float32');
}

function constant(c: OpContext): tf.Tensor {
  const t = c.tensor('value');
  if (t) return tf.tensor(t.values, t.shape, t.dtype);
  const f = c.attr('value_float') ?? c.attr('value_floats');
  if (f !== undefined) return tf.tensor(f as number | number[], undefined, 'float32');
  const i = c.attr('value_int') ?? c.attr('value_ints');
  if (i !== undefined) return tf.tensor(i as number | number[], undefined, 'int32');
  throw new Error(`Constant ${c.node.name}: no value attribute that is supported.`);
}

export const SHAPE: Record<string, OpFn> = {
  Reshape: reshape,
  Flatten: flatten,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Transpose: (c) => tf.transpose(c.input(0), c.ints('perm')),
  Concat: (c) => {
    const xs = c.node.inputs.map((_, i) => c.maybe(i)).filter((t): t is tf.Tensor => !!t && t.size > 0);
    const first = c.input(0);
    return xs.length === 0 ? tf.clone(first) : tf.concat(xs, normAxis(c.int('axis', 0), first.rank));
  },
  Slice: slice,
  Split: split,
  Gather: gather,
  Shape: shapeOf,
  Size: (c) => tf.scalar(c.input(0).size, 'int32'),
  ConstantOfShape: constantOfShape,
  Constant: constant,
  Expand: expand,
  Tile: (c) => tf.tile(c.input(0), c.consts(1) ?? []),
  Range: range,
};

import * as tf from '@tensorflow/tfjs-core';
import { dilateFilter } from '../../../explain/dilatedConvGradient';
import type { OpContext, OpFn } from './context';
import { stepSlice } from './shape';

// ONNX is NCHW; tfjs's convolutions and pools run NHWC on every backend, so each spatial op transposes in and out.
export const toNhwc = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x as tf.Tensor4D, [0, 2, 3, 1]);
export const toNchw = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x as tf.Tensor4D, [0, 3, 1, 2]);

type Pads = [[number, number], [number, number], [number, number], [number, number]];

function only2d(c: OpContext, x: tf.Tensor): void {
  if (x.rank !== 4)
    throw new Error(`${c.node.op} ${c.node.name}: only 2-D (NCHW) inputs are supported, not rank ${x.rank}.`);
}

/** Explicit NHWC paddings from ONNX's pads / auto_pad for a window of `kernel` (already dilated). */
function paddings(c: OpContext, inHW: number[], kernel: number[], strides: number[]): Pads {
  const auto = c.string('auto_pad', 'NOTSET');
  let [t, l, b, r] = c.ints('pads') ?? [0, 0, 0, 0];
  if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const total = inHW.map((n, i) => {
      const s = strides[i] as number;
      const out = Math.ceil(n / s);
      return Math.max(0, (out - 1) * s + (kernel[i] as number) - n);
    });
    const small = total.map((p) => Math.floor(p / 2));
    const big = total.map((p, i) => p - (small[i] as number));
    [t, l] = auto === 'SAME_UPPER' ? small : big;
    [b, r] = auto === 'SAME_UPPER' ? big : small;
  } else if (auto === 'VALID') {
    [t, l, b, r] = [0, 0, 0, 0];
  }
  return [
    [0, 0],
    [t ?? 0, b ?? 0],
    [l ?? 0, r ?? 0],
    [0, 0],
  ];
}

const zeroPads = (p: Pads) => p.every(([a, b]) => a === 0 && b === 0);

function conv(c: OpContext): tf.Tensor {
  const x = c.input(0);
  only2d(c, x);
  const w = c.input(1); // [M, C/group, kh, kw]
  const [m, cPerGroup, kh, kw] = w.shape as number[];
  const group = c.int('group', 1);
  const strides = (c.ints('strides') ?? [1, 1]) as [number, number];
  const dilations = (c.ints('dilations') ?? [1, 1]) as [number, number];
  const dilated = [((kh as number) - 1) * dilations[0] + 1, ((kw as number) - 1) * dilations[1] + 1];
  const pads = paddings(c, x.shape.slice(2), dilated, strides);
  let xh = toNhwc(x);
  const filter = tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D; // [kh, kw, C/group, M]
  // tfjs refuses strides and dilations together; a dilated, strided conv is a dilated conv then a subsample
  const stridedDilated = (strides[0] > 1 || strides[1] > 1) && (dilations[0] > 1 || dilations[1] > 1);
  const s: [number, number] = stridedDilated ? [1, 1] : strides;
  const pad = zeroPads(pads) ? 'valid' : pads;
  let y: tf.Tensor4D;
  if (group === 1) {
    y = tf.conv2d(xh, filter, s, pad, 'NHWC', dilations);
  } else if (cPerGroup === 1 && group === xh.shape[3]) {
    const mult = (m as number) / group;
    // depthwise filter [kh, kw, C, mult]: output channel g·mult + j reads channel g
    const dw = tf.reshape(tf.transpose(tf.reshape(w, [group, mult, kh as number, kw as number]), [2, 3, 0, 1]), [
      kh as number,
      kw as number,
      group,
      mult,
    ]) as tf.Tensor4D;
    if (pad !== 'valid') xh = tf.pad(xh, pads);
    // a dilated depthwise filter spread with zeros: tfjs has no gradient for dilated depthwise convolutions
    const dilatedDw = dilations[0] > 1 || dilations[1] > 1 ? dilateFilter(dw, dilations) : dw;
    y = tf.depthwiseConv2d(xh, dilatedDw, s, 'valid', 'NHWC', [1, 1]);
  } else {
    const xs = tf.split(xh, group, 3);
    const fs = tf.split(filter, group, 3);
    y = tf.concat(
      xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, fs[i] as tf.Tensor4D, s, pad, 'NHWC', dilations)),
      3,
    );
  }
  if (stridedDilated) {
    y = stepSlice(y, 1, 0, y.shape[1], strides[0]) as tf.Tensor4D;
    y = stepSlice(y, 2, 0, y.shape[2], strides[1]) as tf.Tensor4D;
  }
  const bias = c.maybe(2);
  return toNchw(bias ? tf.add(y, bias) : y);
}

function convTranspose(c: OpContext): tf.Tensor {
  const x = c.input(0);
  only2d(c, x);
  const w = c.input(1); // [C, M/group, kh, kw]
  const [, mPerGroup, kh, kw] = w.shape as [number, number, number, number];
  if (c.int('group', 1) !== 1) throw new Error(`ConvTranspose ${c.node.name}: groups are not supported.`);
  const dil = c.ints('dilations') ?? [1, 1];
  if (dil.some((d) => d !== 1)) throw new Error(`ConvTranspose ${c.node.name}: dilations are not supported.`);
  const [sh, sw] = (c.ints('strides') ?? [1, 1]) as [number, number];
  const [ih, iw] = x.shape.slice(2) as [number, number];
  const full = [(ih - 1) * sh + kh, (iw - 1) * sw + kw] as const;
  const outPad = c.ints('output_padding') ?? [0, 0];
  let [t, l, b, r] = c.ints('pads') ?? [0, 0, 0, 0];
  const outShape = c.ints('output_shape');
  const auto = c.string('auto_pad', 'NOTSET');
  if (outShape || auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const target = outShape ? outShape.slice(-2) : [ih * sh, iw * sw];
    const total = target.map((o, i) => (full[i] as number) + (outPad[i] ?? 0) - (o as number));
    const half = total.map((p) => Math.floor(p / 2));
    const rest = total.map((p, i) => p - (half[i] as number));
    [t, l] = auto === 'SAME_LOWER' ? rest : half;
    [b, r] = auto === 'SAME_LOWER' ? half : rest;
  }
  const filter = tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D; // [kh, kw, M, C]
  const xh = toNhwc(x);
  let y = tf.conv2dTranspose(xh, filter, [xh.shape[0], full[0], full[1], mPerGroup], [sh, sw], 'valid');
  // crop the pads, then extend by output_padding (zeros: no input reaches those rows)
  const endH = full[0] - (b ?? 0) + (outPad[0] ?? 0);
  const endW = full[1] - (r ?? 0) + (outPad[1] ?? 0);
  const extra = [Math.max(0, endH - full[0]), Math.max(0, endW - full[1])] as const;
  if (extra[0] || extra[1])
    y = tf.pad(y, [
      [0, 0],
      [0, extra[0]],
      [0, extra[1]],
      [0, 0],
    ]);
  y = tf.slice(y, [0, t ?? 0, l ?? 0, 0], [-1, endH - (t ?? 0), endW - (l ?? 0), -1]);
  const bias = c.maybe(2);
  return toNchw(bias ? tf.add(y, bias) : y);
}

function pool(kind: 'max' | 'avg'): OpFn {
  return (c) => {
    const x = c.input(0);
    only2d(c, x);
    const kernel = c.ints('kernel_shape') as [number, number];
    const strides = (c.ints('strides') ?? [1, 1]) as [number, number];
    const dil = c.ints('dilations') ?? [1, 1];
    if (dil.some((d) => d !== 1)) throw new Error(`${c.node.op} ${c.node.name}: dilations are not supported.`);
    const pads = paddings(c, x.shape.slice(2), kernel, strides);
    const explicit = pads.map(([a, b]) => [a, b]) as Pads;
    if (c.int('ceil_mode', 0) === 1) {
      // ceil mode: extend the end pads so the last partial window counts (its extension never counts, below)
      for (const i of [0, 1]) {
        const n = (x.shape[2 + i] as number) + pads[1 + i]![0] + pads[1 + i]![1];
        const out = Math.ceil((n - kernel[i]!) / strides[i]!) + 1;
        // a window may not start inside the end padding
        const fixed = (out - 1) * strides[i]! >= (x.shape[2 + i] as number) + pads[1 + i]![0] ? out - 1 : out;
        pads[1 + i]![1] += Math.max(0, (fixed - 1) * strides[i]! + kernel[i]! - n);
      }
    }
    const xh = toNhwc(x);
    if (zeroPads(pads))
      return toNchw(
        kind === 'max' ? tf.maxPool(xh, kernel, strides, 'valid') : tf.avgPool(xh, kernel, strides, 'valid'),
      );
    // max: padded cells are −∞ (ignored)
    if (kind === 'max') return toNchw(tf.maxPool(tf.pad(xh, pads, -3.4e38), kernel, strides, 'valid'));
    // average: divide by the cells that count: the input, plus the explicit pads with count_include_pad (as PyTorch
    // does, the ceil-mode extension never counts)
    const includePad = c.int('count_include_pad', 0) === 1;
    const counted = includePad ? tf.pad(tf.onesLike(xh), explicit, 1) : tf.onesLike(xh);
    const rest = pads.map(([a, b], i) => (includePad ? [a - explicit[i]![0], b - explicit[i]![1]] : [a, b])) as Pads;
    const sums = tf.avgPool(tf.pad(xh, pads), kernel, strides, 'valid');
    const counts = tf.avgPool(tf.pad(counted, rest), kernel, strides, 'valid');
    return toNchw(tf.div(sums, counts));
  };
}

/** Pad: constant, reflect or edge, on any axes */
function pad(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const raw = c.opset < 11 ? (c.ints('pads') ?? []) : (c.consts(1) ?? []);
  const rank = x.rank;
  const axes = c.opset >= 18 && c.node.inputs[3] ? (c.consts(3) ?? []) : [...Array(rank).keys()];
  const pads: [number, number][] = Array.from({ length: rank }, () => [0, 0]);
  axes.forEach((a, i) => {
    const ax = a < 0 ? a + rank : a;
    pads[ax] = [raw[i] ?? 0, raw[i + axes.length] ?? 0];
  });
  if (pads.some(([a, b]) => a < 0 || b < 0)) throw new Error(`Pad ${c.node.name}: negative pads are not supported.`);
  const mode = c.string('mode', 'constant');
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'edge')
    throw new Error(`Pad ${c.node.name}: mode "${mode}" is not supported (constant, reflect and edge are).`);
  if (mode === 'reflect') return tf.mirrorPad(x, pads, 'reflect');
  if (mode === 'edge') {
    let y = x;
    pads.forEach(([a, b], ax) => {
      if (!a && !b) return;
      const n = y.shape[ax] as number;
      const parts = [
        ...Array(a).fill(tf.slice(y, sliceBegin(y.rank, ax, 0), sliceSize(y.shape, ax, 1))),
        y,
        ...Array(b).fill(tf.slice(y, sliceBegin(y.rank, ax, n - 1), sliceSize(y.shape, ax, 1))),
      ];
      y = tf.concat(parts, ax);
    });
    return y === x ? tf.clone(x) : y;
  }
  const value = c.opset < 11 ? c.float('value', 0) : ((c.node.inputs[2] ? c.consts(2)?.[0] : 0) ?? 0);
  return tf.pad(x, pads, value);
}

const sliceBegin = (rank: number, axis: number, at: number) =>
  Array.from({ length: rank }, (_, i) => (i === axis ? at : 0));
const sliceSize = (shape: number[], axis: number, n: number) => shape.map((s, i) => (i === axis ? n : s));

export const SPATIAL: Record<string, OpFn> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: pool('max'),
  AveragePool: pool('avg'),
  GlobalAveragePool: (c) => tf.mean(c.input(0), [2, 3], true),
  GlobalMaxPool: (c) => tf.max(c.input(0), [2, 3], true),
  Pad: pad,
};

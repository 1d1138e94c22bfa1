import * as tf from '@tensorflow/tfjs-core';
import type { OpContext, OpFn } from './context';

/**
 * ONNX Resize (and the older Upsample) on the last two axes, as two products with constant [in, out] interpolation
 * matrices. Every coordinate transform and nearest rounding mode is the same formula, the gradient is a matMul on
 * every backend (tfjs's ResizeBilinear gradient is wrong with half-pixel centres, docs/NOTES-tfjs.md).
 */
export function interpolationMatrix(
  inSize: number,
  outSize: number,
  scale: number,
  mode: string,
  transform: string,
  nearest: string,
): Float32Array {
  const m = new Float32Array(inSize * outSize); // [in, out]
  for (let o = 0; o < outSize; o++) {
    const x = sourceCoordinate(o, inSize, outSize, scale, transform);
    if (mode === 'nearest') {
      const i = clampIndex(roundNearest(x, nearest), inSize);
      m[i * outSize + o] = 1;
    } else {
      const xc = Math.min(Math.max(x, 0), inSize - 1);
      const i0 = Math.floor(xc);
      const i1 = Math.min(i0 + 1, inSize - 1);
      const f = xc - i0;
      m[i0 * outSize + o] = (m[i0 * outSize + o] as number) + 1 - f;
      m[i1 * outSize + o] = (m[i1 * outSize + o] as number) + f;
    }
  }
  return m;
}

function sourceCoordinate(o: number, inSize: number, outSize: number, scale: number, transform: string): number {
  switch (transform) {
    case 'align_corners':
      return outSize === 1 ? 0 : (o * (inSize - 1)) / (outSize - 1);
    case 'asymmetric':
      return o / scale;
    case 'pytorch_half_pixel':
      return outSize > 1 ? (o + 0.5) / scale - 0.5 : 0;
    case 'half_pixel':
      return (o + 0.5) / scale - 0.5;
    case 'tf_half_pixel_for_nn':
      return (o + 0.5) / scale;
    default:
      throw new Error(`Resize: coordinate_transformation_mode "${transform}" is not supported.`);
  }
}

function roundNearest(x: number, mode: string): number {
  switch (mode) {
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'round_prefer_ceil':
      return Math.round(x);
    case 'round_prefer_floor':
      return x - Math.floor(x) === 0.5 ? Math.floor(x) : Math.round(x);
    default:
      throw new Error(`Resize: nearest_mode "${mode}" is not supported.`);
  }
}

const clampIndex = (i: number, n: number) => Math.min(Math.max(i, 0), n - 1);

/** y = x ×_axis M, for M [in, out] on the last axis of x */
const alongLast = (x: tf.Tensor, m: tf.Tensor2D): tf.Tensor => {
  const shape = x.shape;
  const last = shape[shape.length - 1] as number;
  const y = tf.matMul(tf.reshape(x, [-1, last]), m);
  return tf.reshape(y, [...shape.slice(0, -1), m.shape[1]]);
};

function resize(c: OpContext): tf.Tensor {
  const x = c.input(0);
  const rank = x.rank;
  const mode = c.string('mode', 'nearest');
  if (mode !== 'nearest' && mode !== 'linear')
    throw new Error(`Resize ${c.node.name}: mode "${mode}" is not supported (nearest and linear are).`);
  if (c.int('antialias', 0) === 1)
    throw new Error(`Resize ${c.node.name}: antialias is not supported (export without antialias=True).`);
  if (c.opset >= 18 && (c.ints('axes') || c.string('keep_aspect_ratio_policy', 'stretch') !== 'stretch'))
    throw new Error(`Resize ${c.node.name}: the axes and keep_aspect_ratio_policy attributes are not supported.`);
  const upsample = c.node.op === 'Upsample' || c.opset < 11;
  const scalesIn = upsample ? (c.ints('scales') ?? c.consts(1)) : c.node.inputs[2] ? c.consts(2) : undefined;
  const sizesIn = upsample ? undefined : c.node.inputs[3] ? c.consts(3) : undefined;
  const scales = scalesIn && scalesIn.length === rank ? scalesIn : undefined;
  const sizes =
    sizesIn && sizesIn.length === rank
      ? sizesIn
      : scales
        ? x.shape.map((n, i) => Math.floor(n * (scales[i] as number)))
        : undefined;
  if (!sizes) throw new Error(`Resize ${c.node.name}: neither scales nor sizes are given.`);
  for (let i = 0; i < rank - 2; i++)
    if (sizes[i] !== x.shape[i]) throw new Error(`Resize ${c.node.name}: only the last two axes may be resized.`);
  const transform = upsample ? 'asymmetric' : c.string('coordinate_transformation_mode', 'half_pixel');
  const nearest = upsample ? 'floor' : c.string('nearest_mode', 'round_prefer_floor');
  let y: tf.Tensor = x;
  // W first (the last axis), then H moved last and back
  for (const axis of [rank - 1, rank - 2]) {
    const n = x.shape[axis] as number;
    const out = sizes[axis] as number;
    if (n === out && (mode === 'linear' || transform !== 'tf_half_pixel_for_nn')) continue;
    const scale = scales ? (scales[axis] as number) : out / n;
    const m = tf.tensor2d(interpolationMatrix(n, out, scale, mode, transform, nearest), [n, out]);
    if (axis === rank - 1) y = alongLast(y, m);
    else {
      const perm = [...Array(rank).keys()];
      perm[rank - 1] = rank - 2;
      perm[rank - 2] = rank - 1;
      y = tf.transpose(alongLast(tf.transpose(y, perm), m), perm);
    }
  }
  return y === x ? tf.clone(x) : y;
}

export const RESIZE: Record<string, OpFn> = { Resize: resize, Upsample: resize };

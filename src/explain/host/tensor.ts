/** A host copy of a layer tensor [h, w, K] in HWC order (tfjs's own layout), readable with no tfjs at all. */
export interface HostTensor {
  data: Float32Array;
  shape: [number, number, number];
}

/** Wraps a Float32Array as [h, w, K]; refuses a length that does not match the shape. */
export function hostTensor(data: Float32Array, shape: readonly [number, number, number]): HostTensor {
  const [h, w, k] = shape;
  if (data.length !== h * w * k) throw new Error(`HostTensor: ${data.length} values for shape [${h}, ${w}, ${k}].`);
  return { data, shape: [h, w, k] };
}

/** A and G must be the same [h, w, K]: the combine loops index both with one offset. */
export function assertSameShape(a: HostTensor, g: HostTensor): void {
  if (a.shape.some((n, i) => n !== g.shape[i])) throw new Error(`A [${a.shape}] and G [${g.shape}] differ in shape.`);
}

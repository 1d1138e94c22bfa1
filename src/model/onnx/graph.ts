import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Long = { toNumber(): number };
type IntLike = number | Long;

/** A constant tensor of the file (an initializer or a Constant's value), in the dtypes tfjs has. */
export interface OnnxTensor {
  name: string;
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  values: Float32Array | Int32Array | Uint8Array;
}

export type AttrValue = number | string | number[] | string[] | OnnxTensor;

export interface OnnxNode {
  name: string;
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: ReadonlyMap<string, AttrValue>;
}

/** A graph input or output: its name and dims (a number, or null where the file names a free dimension). */
export interface OnnxValueInfo {
  name: string;
  dims: (number | null)[];
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  /** graph inputs that are not initializers */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** the default domain's opset */
  opset: number;
  producer: string;
}

// ONNX TensorProto.DataType values used below.
const FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  INT32 = 6,
  INT64 = 7,
  BOOL = 9,
  DOUBLE = 11;
const INT32_MAX = 2 ** 31 - 1;

const num = (x: IntLike | null | undefined): number => (x == null ? 0 : typeof x === 'number' ? x : x.toNumber());
/** int64 values become int32 (shapes, axes, indices); INT64_MAX ends of slices are clamped, same meaning. */
const clampInt = (v: number): number => Math.max(-INT32_MAX - 1, Math.min(INT32_MAX, v));

function rawView(raw: Uint8Array): DataView {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

function tensorOf(t: InstanceType<typeof onnx.TensorProto>, fallbackName = ''): OnnxTensor {
  const name = t.name || fallbackName;
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0)
    throw new Error(
      `The tensor ${name} is stored in an external data file; export the model as one file (weights under 2 GB).`,
    );
  const shape = t.dims.map(num);
  const size = shape.reduce((a, b) => a * b, 1);
  const raw = t.rawData && t.rawData.byteLength > 0 ? t.rawData : null;
  switch (t.dataType) {
    case FLOAT:
    case DOUBLE: {
      const out = new Float32Array(size);
      if (raw) {
        const view = rawView(raw);
        for (let i = 0; i < size; i++)
          out[i] = t.dataType === FLOAT ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
      } else {
        const src = t.dataType === FLOAT ? t.floatData : t.doubleData;
        for (let i = 0; i < size; i++) out[i] = src[i] ?? 0;
      }
      return { name, dtype: 'float32', shape, values: out };
    }
    case INT64:
    case INT32:
    case INT8:
    case UINT8: {
      const out = new Int32Array(size);
      if (raw) {
        const view = rawView(raw);
        for (let i = 0; i < size; i++)
          out[i] =
            t.dataType === INT64
              ? clampInt(Number(view.getBigInt64(i * 8, true)))
              : t.dataType === INT32
                ? view.getInt32(i * 4, true)
                : t.dataType === INT8
                  ? view.getInt8(i)
                  : view.getUint8(i);
      } else {
        const src: IntLike[] = t.dataType === INT64 ? t.int64Data : t.int32Data;
        for (let i = 0; i < size; i++) out[i] = clampInt(num(src[i]));
      }
      return { name, dtype: 'int32', shape, values: out };
    }
    case BOOL: {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = raw ? (raw[i] ?? 0) : num(t.int32Data[i]);
      return { name, dtype: 'bool', shape, values: out };
    }
    default:
      throw new Error(
        `The tensor ${name} has ONNX data type ${t.dataType} (${onnx.TensorProto.DataType[t.dataType] ?? '?'}); ` +
          'only float32/64, int8/32/64, uint8 and bool are supported.',
      );
  }
}

function attrValue(a: InstanceType<typeof onnx.AttributeProto>): AttrValue | undefined {
  const T = onnx.AttributeProto.AttributeType;
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  switch (a.type) {
    case T.FLOAT:
      return a.f;
    case T.INT:
      return clampInt(num(a.i));
    case T.STRING:
      return text(a.s);
    case T.TENSOR:
      return a.t ? tensorOf(a.t as InstanceType<typeof onnx.TensorProto>, a.name) : undefined;
    case T.FLOATS:
      return [...a.floats];
    case T.INTS:
      return a.ints.map((i) => clampInt(num(i)));
    case T.STRINGS:
      return a.strings.map(text);
    default:
      return undefined; // graphs and sparse tensors: the ops that take them are reported as unsupported
  }
}

function valueInfo(v: InstanceType<typeof onnx.ValueInfoProto>): OnnxValueInfo {
  const dims = v.type?.tensorType?.shape?.dim ?? [];
  return {
    name: v.name,
    dims: dims.map((d) => (d.dimValue != null && num(d.dimValue) > 0 ? num(d.dimValue) : null)),
  };
}

/** Decodes an .onnx file into plain data (no tfjs): nodes in file order (ONNX requires topological order). */
export function parseOnnx(bytes: Uint8Array): OnnxGraph {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new Error(`This is not a valid ONNX file (${(e as Error).message}).`, { cause: e });
  }
  const graph = model.graph;
  const nodes = graph?.node ?? [];
  if (!graph || nodes.length === 0) throw new Error('This ONNX file has no graph (or an empty one).');
  const opset = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const initializers = (graph.initializer ?? []).map((t) => tensorOf(t as InstanceType<typeof onnx.TensorProto>));
  const constant = new Set(initializers.map((t) => t.name));
  return {
    nodes: nodes.map((n, i) => ({
      name: n.name || `${n.opType ?? '?'}_${i}`,
      op: n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType ?? ''}` : (n.opType ?? ''),
      inputs: [...(n.input ?? [])],
      outputs: [...(n.output ?? [])],
      attrs: new Map(
        (n.attribute ?? []).flatMap((a) => {
          const v = attrValue(a as InstanceType<typeof onnx.AttributeProto>);
          return v === undefined || !a.name ? [] : [[a.name, v] as const];
        }),
      ),
    })),
    initializers,
    inputs: (graph.input ?? []).filter((v) => !constant.has(v.name ?? '')).map((v) => valueInfo(v as never)),
    outputs: (graph.output ?? []).map((v) => valueInfo(v as never)),
    opset: opset ? num(opset.version) : 13,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
  };
}

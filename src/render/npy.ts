/**
 * NumPy's .npy format, version 1.0 (numpy.lib.format), for the two arrays the app exports: little-endian float32
 * maps and uint8 masks, C order. The header is byte for byte what `numpy.save` writes (NumPy ≥ 1.14): the dict's
 * repr with keys sorted and a trailing ", ", spare spaces for growing the first axis (GROWTH_AXIS_MAX_DIGITS = 21),
 * then spaces and a newline so that the data starts on a multiple of 64 bytes (ARRAY_ALIGN).
 *
 * No npm package fits: npyjs (1.2) pads to 8 bytes, writes its own dict text and pulls in cross-fetch.
 */

export type NpyDtype = '<f4' | '|u1';
export type NpyArray = Float32Array | Uint8Array;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Python's repr of a shape tuple: (), (3,), (256, 256). */
function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The header dict exactly as NumPy writes it, before padding. */
export function npyHeaderDict(dtype: NpyDtype, shape: readonly number[]): string {
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  const growth = shape.length > 0 ? GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length : 0;
  return dict + ' '.repeat(Math.max(0, growth));
}

/** An .npy file of a C-order array. Throws if the data does not fill the shape. */
export function encodeNpy(data: NpyArray, shape: readonly number[]): Uint8Array {
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) throw new Error(`bad shape (${shape.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`${data.length} values do not fill shape (${shape.join(', ')})`);
  const dtype: NpyDtype = data instanceof Float32Array ? '<f4' : '|u1';
  const dict = npyHeaderDict(dtype, shape);
  // magic (6) + version (2) + header length (2) + dict + padding + '\n' is a multiple of ARRAY_ALIGN.
  const pad = ARRAY_ALIGN - ((10 + dict.length + 1) % ARRAY_ALIGN);
  const header = `${dict}${' '.repeat(pad)}\n`;
  const offset = 10 + header.length;
  const out = new Uint8Array(offset + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1; // version 1.0
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i); // ASCII only
  if (data instanceof Float32Array) {
    const view = new DataView(out.buffer, offset);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i] as number, true);
  } else {
    out.set(data, offset);
  }
  return out;
}

/** Reads back what encodeNpy writes (v1.0, '<f4' or '|u1', C order); throws on anything else. */
export function decodeNpy(bytes: Uint8Array): {
  dtype: NpyDtype;
  shape: number[];
  data: NpyArray;
  header: string;
  dataOffset: number;
} {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not an .npy file');
  if (bytes[6] !== 1) throw new Error(`unsupported .npy version ${bytes[6]}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + length));
  const descr = /'descr': '([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1];
  if (!/'fortran_order': False/.test(header) || shapeText === undefined)
    throw new Error(`unsupported .npy header ${header}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataOffset = 10 + length;
  if (descr === '<f4') {
    if (bytes.length < dataOffset + 4 * count) throw new Error('truncated .npy data');
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataOffset + 4 * i, true);
    return { dtype: descr, shape, data, header, dataOffset };
  }
  if (descr === '|u1') {
    if (bytes.length < dataOffset + count) throw new Error('truncated .npy data');
    return { dtype: descr, shape, data: bytes.slice(dataOffset, dataOffset + count), header, dataOffset };
  }
  throw new Error(`unsupported dtype ${descr}`);
}

import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, npyHeaderDict } from './npy';

/**
 * Headers as `numpy.save` writes them (NumPy 2.4.6, `np.save(f, np.zeros(shape, dtype))`; the same since NumPy 1.14),
 * copied from its output: the dict text, spaces, '\n', the whole file header 128 bytes long.
 */
const NUMPY_HEADERS: { shape: number[]; dtype: '<f4' | '|u1'; header: string }[] = [
  {
    shape: [256, 256],
    dtype: '<f4',
    header: "{'descr': '<f4', 'fortran_order': False, 'shape': (256, 256), }" + ' '.repeat(54) + '\n',
  },
  {
    shape: [96, 96],
    dtype: '|u1',
    header: "{'descr': '|u1', 'fortran_order': False, 'shape': (96, 96), }" + ' '.repeat(56) + '\n',
  },
  {
    shape: [3],
    dtype: '<f4',
    header: "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }" + ' '.repeat(60) + '\n',
  },
];

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('encodeNpy', () => {
  for (const { shape, dtype, header } of NUMPY_HEADERS) {
    it(`writes NumPy's own header for ${dtype} ${shape.join('×')}`, () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = encodeNpy(dtype === '<f4' ? new Float32Array(n) : new Uint8Array(n), shape);
      expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
      const length = bytes[8]! + 256 * bytes[9]!;
      expect(length).toBe(header.length);
      expect(text(bytes.subarray(10, 10 + length))).toBe(header);
      // The data starts on a multiple of 64 bytes, as NumPy aligns it.
      expect((10 + length) % 64).toBe(0);
      expect(bytes.length).toBe(10 + length + n * (dtype === '<f4' ? 4 : 1));
    });
  }

  it('aligns every header to 64 bytes and keeps the dict text NumPy writes', () => {
    for (const shape of [[1], [7, 9], [12345, 2], [1, 99999], [0], [4, 4, 4], []]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = encodeNpy(new Float32Array(n), shape);
      const { header, dataOffset, shape: back } = decodeNpy(bytes);
      expect(dataOffset % 64, shape.join('×')).toBe(0);
      expect(header.endsWith('\n')).toBe(true);
      expect(header.trimEnd()).toBe(npyHeaderDict('<f4', shape).trimEnd());
      expect(back).toEqual(shape);
    }
    expect(npyHeaderDict('<f4', [4, 4, 4])).toBe(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4, 4), }" + ' '.repeat(20),
    );
    expect(npyHeaderDict('<f4', [])).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (), }");
  });

  it('writes float32 little-endian and uint8 as they are, and reads them back', () => {
    const f = Float32Array.from([0, 1, -2.5, 1 / 3, Number.MAX_VALUE, 1e-40]);
    const bytes = encodeNpy(f, [2, 3]);
    const off = decodeNpy(bytes).dataOffset;
    // 1.0f is 0x3f800000: little-endian bytes 00 00 80 3f.
    expect(Array.from(bytes.subarray(off + 4, off + 8))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    const back = decodeNpy(bytes);
    expect(back.dtype).toBe('<f4');
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(f));

    const mask = Uint8Array.from([0, 1, 1, 0, 1, 0]);
    const m = decodeNpy(encodeNpy(mask, [3, 2]));
    expect(m.dtype).toBe('|u1');
    expect(m.shape).toEqual([3, 2]);
    expect(Array.from(m.data)).toEqual([0, 1, 1, 0, 1, 0]);
  });

  it('refuses data that does not fill the shape', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/do not fill/);
    expect(() => encodeNpy(new Float32Array(0), [-1])).toThrow(/bad shape/);
    expect(() => decodeNpy(new Uint8Array([1, 2, 3]))).toThrow(/not an .npy/);
  });
});

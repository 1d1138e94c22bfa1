import { describe, expect, it } from 'vitest';
import { packedLabelAt, packLabels } from './labelPacking';

/** Reads every pixel back from the packed form (re-weighting reads them one at a time the same way). */
const unpackLabels = (packed: Uint8Array, numClasses: number, length: number) =>
  Uint8Array.from({ length }, (_, i) => packedLabelAt(packed, numClasses, i));

describe('label packing', () => {
  it('round-trips binary labels at one bit per pixel, ragged length included', () => {
    const labels = Uint8Array.from({ length: 21 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
    const packed = packLabels(labels, 2);
    expect(packed.length).toBe(3);
    expect(Array.from(unpackLabels(packed, 2, 21))).toEqual(Array.from(labels));
  });
  it('keeps multi-class labels byte for byte', () => {
    const labels = Uint8Array.from([0, 3, 10, 7]);
    expect(Array.from(unpackLabels(packLabels(labels, 11), 11, 4))).toEqual([0, 3, 10, 7]);
  });
});

describe('packedLabelAt', () => {
  it('reads one pixel from the packed form, for two classes (bits) and more (bytes)', () => {
    const two = Uint8Array.from({ length: 37 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
    const eleven = Uint8Array.from({ length: 37 }, (_, i) => (i * 5) % 11);
    const p2 = packLabels(two, 2);
    const p11 = packLabels(eleven, 11);
    two.forEach((v, i) => expect(packedLabelAt(p2, 2, i)).toBe(v));
    eleven.forEach((v, i) => expect(packedLabelAt(p11, 11, i)).toBe(v));
  });
});

import { describe, expect, it } from 'vitest';
import { packLabels, unpackLabels } from './labelPacking';

describe('label packing', () => {
  it('round-trips binary labels at one bit per pixel, ragged length included', () => {
    const labels = Uint8Array.from({ length: 21 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    const packed = packLabels(labels, 2);
    expect(packed.length).toBe(3);
    expect(Array.from(unpackLabels(packed, 2, 21))).toEqual(Array.from(labels));
  });
  it('keeps multi-class labels byte for byte', () => {
    const labels = Uint8Array.from([0, 3, 10, 7]);
    expect(Array.from(unpackLabels(packLabels(labels, 11), 11, 4))).toEqual([0, 3, 10, 7]);
  });
});

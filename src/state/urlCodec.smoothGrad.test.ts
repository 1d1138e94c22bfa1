import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, LIMITS, type ViewParams } from './params';
import { decodeParams, encodeParams } from './urlCodec';

const KNOWN = { models: ['selfie', 'unet'], images: ['astronaut'] };
const decode = (s: string) => decodeParams(s, KNOWN);

describe('the SmoothGrad key (sg)', () => {
  it('round-trips sg = 2 and the largest n', () => {
    for (const n of [2, LIMITS.smoothGrad.max]) {
      const p: ViewParams = { ...DEFAULT_PARAMS, smoothGrad: n };
      const query = encodeParams(p);
      expect(query.get('sg')).toBe(String(n));
      expect(decode(query.toString())).toEqual({ params: p, warnings: [] });
    }
  });

  it('off is not written, and absent, 0 and 1 all read as off (old links are unchanged)', () => {
    expect(encodeParams(DEFAULT_PARAMS).has('sg')).toBe(false);
    expect(encodeParams({ ...DEFAULT_PARAMS, smoothGrad: 1 }).has('sg')).toBe(false);
    const old = encodeParams(DEFAULT_PARAMS).toString();
    for (const q of [old, `${old}&sg=0`, `${old}&sg=1`, '?sg=1']) {
      const { params, warnings } = decode(q);
      expect(params).toEqual(DEFAULT_PARAMS);
      expect(params.smoothGrad).toBeUndefined();
      expect(warnings).toEqual([]);
    }
  });

  it('clamps, rounds or refuses nonsense with a warning', () => {
    const big = decode('?sg=1000');
    expect(big.params.smoothGrad).toBe(LIMITS.smoothGrad.max);
    expect(big.warnings.join(' ')).toMatch(/sg.*clamped to 32/);
    expect(decode('?sg=-3').params.smoothGrad).toBeUndefined();
    expect(decode('?sg=2.6').params.smoothGrad).toBe(3);
    for (const raw of ['banana', '1e1', 'Infinity', '0x4', '']) {
      const { params, warnings } = decode(`?sg=${raw}`);
      expect(params.smoothGrad).toBeUndefined();
      expect(warnings.join(' ')).toMatch(/SmoothGrad copies \(sg\)/);
    }
  });
});

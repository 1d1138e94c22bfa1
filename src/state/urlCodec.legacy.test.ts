import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { decodeParams, encodeParams } from './urlCodec';

const KNOWN = { models: ['selfie', 'deeplab'], images: ['astronaut', 'street'] };

describe('settings added after links were shared', () => {
  it("a link without RISE's stop rule (made before it existed) runs all N masks, as it did then", () => {
    const old = encodeParams(DEFAULT_PARAMS);
    old.delete('stop');
    old.delete('tol');
    const { params, warnings } = decodeParams(old, KNOWN);
    expect(warnings).toEqual([]);
    expect(params.settings.rise.stop).toBe('all');
    expect(params.settings.rise.tolerance).toBe(DEFAULT_PARAMS.settings.rise.tolerance);
  });
  it('a fresh visit (no link) stops when stable, and a link keeps whichever rule it says', () => {
    expect(decodeParams('', KNOWN).params.settings.rise.stop).toBe('stable');
    const link = encodeParams(DEFAULT_PARAMS);
    expect(decodeParams(link, KNOWN).params.settings.rise.stop).toBe('stable');
    link.set('stop', 'all');
    link.set('tol', '2.5');
    const { params } = decodeParams(link, KNOWN);
    expect(params.settings.rise).toMatchObject({ stop: 'all', tolerance: 2.5 });
  });
});

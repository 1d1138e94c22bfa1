import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import type { ViewParams } from './params';
import { decodeParams, encodeParams } from './urlCodec';

const KNOWN = { models: ['selfie', 'deeplab'], images: ['astronaut', 'street'] };

/** Every field differs from DEFAULT_PARAMS, and every number sits at its stated precision. */
const CUSTOM: ViewParams = {
  model: 'deeplab',
  modelUrl: null,
  image: 'street',
  region: { mode: 'component', x: 0.5123, y: 0.334 },
  classIndex: 15,
  layer: 'decoder/block_3:conv-1.out',
  pool: 'mean',
  window: 0,
  edges: 'reference',
  threshold: 0.375,
  rise: { count: 4000, gridSize: 16, keepProbability: 0.25, seed: 2 ** 31 - 1, baseline: 'blur' },
  backend: 'wasm',
};

const decode = (search: string) => decodeParams(search, KNOWN);

/** Decodes one bad query and returns the warnings, asserting everything else stayed at the default. */
function decodeOne(search: string, expected: Partial<ViewParams>) {
  const { params, warnings } = decode(search);
  expect(params).toEqual({ ...DEFAULT_PARAMS, ...expected });
  expect(warnings).toHaveLength(1);
  return warnings[0] ?? '';
}

describe('encodeParams', () => {
  it('writes v=1 first, then every non-null field', () => {
    const query = encodeParams(DEFAULT_PARAMS);
    expect([...query.keys()]).toEqual(['v', 'model', 'img', 'pool', 'win', 'edges', 'thr', 'n', 's', 'p', 'seed', 'base', 'backend']);
    expect(query.get('v')).toBe('1');
    expect(query.get('thr')).toBe('0.2');
  });

  it('writes region, cls and layer when set, region with 4 fixed decimals', () => {
    const query = encodeParams(CUSTOM);
    expect(query.get('region')).toBe('component:0.5123,0.3340');
    expect(query.get('cls')).toBe('15');
    expect(query.get('layer')).toBe(CUSTOM.layer);
    expect(query.get('win')).toBe('0');
  });

  it('rounds to the stated decimals', () => {
    const query = encodeParams({ ...CUSTOM, threshold: 0.12345, region: { mode: 'point', x: 0.123456, y: 0.99996 } });
    expect(query.get('thr')).toBe('0.123');
    expect(query.get('region')).toBe('point:0.1235,1.0000');
  });
});

describe('round trip', () => {
  it('defaults survive encode -> decode with no warnings', () => {
    const { params, warnings } = decode(encodeParams(DEFAULT_PARAMS).toString());
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(warnings).toEqual([]);
  });

  it('a fully non-default object survives encode -> string -> decode', () => {
    const { params, warnings } = decode(`?${encodeParams(CUSTOM).toString()}`);
    expect(params).toEqual(CUSTOM);
    expect(warnings).toEqual([]);
  });

  it('accepts a URLSearchParams directly and a link without v', () => {
    const query = encodeParams(CUSTOM);
    query.delete('v');
    expect(decodeParams(query, KNOWN)).toEqual({ params: CUSTOM, warnings: [] });
  });
});

describe('models loaded from a URL', () => {
  it('round-trips model=url with its address', () => {
    const p: ViewParams = { ...DEFAULT_PARAMS, model: 'url', modelUrl: 'https://example.org/models/unet/model.json' };
    expect(decode(encodeParams(p).toString())).toEqual({ params: p, warnings: [] });
  });
  it('refuses a non-http address and falls back to the default model', () => {
    const { params, warnings } = decode('?model=url&mu=javascript:alert(1)');
    expect(params.model).toBe(DEFAULT_PARAMS.model);
    expect(params.modelUrl).toBeNull();
    expect(warnings.join(' ')).toMatch(/mu.*not an http\(s\) address/);
  });
  it('ignores an address given without model=url', () => {
    const { params } = decode('?model=selfie&mu=https://example.org/m.json');
    expect(params).toMatchObject({ model: 'selfie', modelUrl: null });
  });
});

describe('decodeParams fallbacks', () => {
  it('the empty string is exactly the defaults, with no warnings', () => {
    const { params, warnings } = decode('');
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(params).not.toBe(DEFAULT_PARAMS);
    expect(warnings).toEqual([]);
  });

  it('thr=banana -> default threshold', () => {
    expect(decodeOne('?thr=banana', {})).toMatch(/thr.*banana/);
  });

  it.each(['1e999', '1e3', 'Infinity', 'NaN', '', '0x10', '12abc', ' 12'])('n=%j is rejected -> default count', (raw) => {
    expect(decodeOne(`?n=${encodeURIComponent(raw)}`, {})).toMatch(/\(n\).*not a plain number/);
  });

  it('n=-5 -> clamped to the minimum 1', () => {
    const warning = decodeOne('?n=-5', { rise: { ...DEFAULT_PARAMS.rise, count: 1 } });
    expect(warning).toBe('RISE mask count (n) -5 clamped to 1.');
  });

  it('win=99999 -> clamped to 256', () => {
    expect(decodeOne('?win=99999', { window: 256 })).toBe('Window (win) 99999 clamped to 256.');
  });

  it('integers are rounded without a warning', () => {
    expect(decode('?win=3.6&cls=1.2')).toEqual({ params: { ...DEFAULT_PARAMS, window: 4, classIndex: 1 }, warnings: [] });
  });

  it('pool=median -> default pool', () => {
    expect(decodeOne('?pool=median', {})).toMatch(/pool.*median.*used max/);
  });

  it('region=point:abc,0.2 -> no region', () => {
    expect(decodeOne('?region=point:abc,0.2', {})).toMatch(/region.*abc/);
  });

  it('region=circle:0.1,0.2 -> no region', () => {
    expect(decodeOne('?region=circle:0.1,0.2', {})).toMatch(/region.*circle/);
  });

  it('region=point:1.7,-3 -> clamped to 1,0', () => {
    const warning = decodeOne('?region=point:1.7,-3', { region: { mode: 'point', x: 1, y: 0 } });
    expect(warning).toMatch(/region.*clamped to 1,0/);
    expect(Object.is(decode('?region=point:1.7,-3').params.region?.y, 0)).toBe(true); // +0, not -0
  });

  it('model=evil and img=evil -> defaults', () => {
    expect(decodeOne('?model=evil', {})).toMatch(/model.*evil/);
    expect(decodeOne('?img=evil', {})).toMatch(/img.*evil/);
  });

  it('layer=<script> -> null layer', () => {
    expect(decodeOne('?layer=%3Cscript%3E', { layer: null })).toMatch(/layer.*<script>/);
  });

  it('cls out of range is clamped, cls=abc is null', () => {
    expect(decodeOne('?cls=300', { classIndex: 255 })).toMatch(/cls.*clamped to 255/);
    expect(decodeOne('?cls=abc', { classIndex: null })).toMatch(/cls.*abc/);
  });

  it('v=7 -> the defaults, even when other keys are valid', () => {
    const { params, warnings } = decode('?v=7&model=deeplab&win=4');
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(warnings).toEqual(['Unsupported link version 7: opened the defaults.']);
  });

  it('an unknown key is ignored with a warning, the rest still decodes', () => {
    const { params, warnings } = decode('?foo=1&win=4');
    expect(params).toEqual({ ...DEFAULT_PARAMS, window: 4 });
    expect(warnings).toEqual(['Ignored unknown link parameter: foo']);
  });

  it('values over 300 characters are ignored, even when otherwise valid', () => {
    const longLayer = 'a'.repeat(301);
    expect(decodeOne(`?layer=${longLayer}`, { layer: null })).toMatch(/layer.*300/);
    expect(decode(`?layer=${'a'.repeat(200)}`).params.layer).toHaveLength(200);
  });

  it('collects one warning per bad key, in key order', () => {
    const { warnings } = decode('?backend=cuda&pool=median&thr=2');
    expect(warnings.map((w) => w.match(/\((\w+)\)/)?.[1])).toEqual(['pool', 'thr', 'backend']);
  });
});

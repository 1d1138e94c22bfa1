import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import type { ViewParams } from './params';
import { decodeParams, encodeParams, LINK_KEYS, SETTING_LINK_KEYS } from './urlCodec';

const KNOWN = { models: ['selfie', 'deeplab'], images: ['astronaut', 'street'] };

/** Every field differs from DEFAULT_PARAMS, and every number sits at its stated precision. */
const CUSTOM: ViewParams = {
  model: 'deeplab',
  modelUrl: null,
  image: 'street',
  region: { kind: 'component', x: 0.5123, y: 0.334 },
  classIndex: 15,
  layer: 'decoder/block_3:conv-1.out',
  methods: ['gradcam', 'layercam', 'scorecam'],
  settings: {
    ...DEFAULT_PARAMS.settings,
    xres: { pool: 'mean', window: 0, edges: 'reference' },
    rise: {
      count: 4000,
      gridSize: 16,
      keepProbability: 0.25,
      seed: 2 ** 31 - 1,
      stop: 'all',
      tolerance: 2.5,
      weighting: 'centred',
    },
  },
  threshold: 0.375,
  baseline: 'blur',
  backend: 'wasm',
};
const xres = (patch: Partial<ViewParams['settings']['xres']>) => ({
  settings: { ...DEFAULT_PARAMS.settings, xres: { ...DEFAULT_PARAMS.settings.xres, ...patch } },
});
const rise = (patch: Partial<ViewParams['settings']['rise']>) => ({
  settings: { ...DEFAULT_PARAMS.settings, rise: { ...DEFAULT_PARAMS.settings.rise, ...patch } },
});

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
    // The backend is automatic by default, and an automatic backend is not written: the opener's machine decides.
    // Every method's settings, in registry order (RISE's n … seed, MiSuRe's mdice … mres), between m and thr.
    expect(SETTING_LINK_KEYS).toEqual(
      expect.arrayContaining(['n', 's', 'p', 'stop', 'tol', 'rw', 'seed', 'mdice', 'mres']),
    );
    expect([...query.keys()]).toEqual(['v', 'model', 'img', 'm', ...SETTING_LINK_KEYS, 'thr', 'base']);
    expect(query.get('m')).toBe('gradcam,xres,rise');
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
    const query = encodeParams({ ...CUSTOM, threshold: 0.12345, region: { kind: 'point', x: 0.123456, y: 0.99996 } });
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

  it.each(['1e999', '1e3', 'Infinity', 'NaN', '', '0x10', '12abc', ' 12'])(
    'n=%j is rejected -> default count',
    (raw) => {
      expect(decodeOne(`?n=${encodeURIComponent(raw)}`, {})).toMatch(/\(n\).*not a plain number/);
    },
  );

  it('n=-5 -> clamped to the minimum 1', () => {
    const warning = decodeOne('?n=-5', rise({ count: 1 }));
    expect(warning).toBe('RISE masks (n) -5 clamped to 1.');
  });

  it('win=99999 -> clamped to 256', () => {
    expect(decodeOne('?win=99999', xres({ window: 256 }))).toBe('Seg-XRes-CAM window size (win) 99999 clamped to 256.');
  });

  it('integers are rounded without a warning', () => {
    expect(decode('?win=3.6&cls=1.2')).toEqual({
      params: { ...DEFAULT_PARAMS, ...xres({ window: 4 }), classIndex: 1 },
      warnings: [],
    });
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
    const warning = decodeOne('?region=point:1.7,-3', { region: { kind: 'point', x: 1, y: 0 } });
    expect(warning).toMatch(/region.*clamped to 1,0/);
    const region = decode('?region=point:1.7,-3').params.region;
    expect(region?.kind === 'point' && Object.is(region.y, 0)).toBe(true); // +0, not -0
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
    expect(params).toEqual({ ...DEFAULT_PARAMS, ...xres({ window: 4 }) });
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

describe('methods and their settings', () => {
  it('turning methods on and off survives the round trip, in registry order', () => {
    const p: ViewParams = { ...DEFAULT_PARAMS, methods: ['layercam', 'gradcampp', 'scorecam'] };
    expect(decode(encodeParams(p).toString())).toEqual({ params: p, warnings: [] });
    const none: ViewParams = { ...DEFAULT_PARAMS, methods: [] };
    expect(decode(encodeParams(none).toString())).toEqual({ params: none, warnings: [] });
  });
  it("a link without m shows the paper's three methods; unknown ids are dropped with a warning", () => {
    expect(decode('').params.methods).toEqual(['gradcam', 'xres', 'rise']);
    const { params, warnings } = decode('?m=rise,magic,gradcam');
    expect(params.methods).toEqual(['gradcam', 'rise']);
    expect(warnings).toEqual([
      'Methods (m): magic is not one of gradcam, xres, layercam, gradcampp, scorecam, rise, misure: ignored.',
    ]);
  });
  it('every setting has its own link key, distinct from the view-wide keys', () => {
    expect(new Set(SETTING_LINK_KEYS).size).toBe(SETTING_LINK_KEYS.length);
    expect(LINK_KEYS).toEqual(expect.arrayContaining([...SETTING_LINK_KEYS, 'm', 'thr', 'base']));
    expect(LINK_KEYS.length).toBe(new Set(LINK_KEYS).size);
  });
});

describe('regions beyond a click', () => {
  it('boxes and polygons round-trip, with the "as drawn" flag', () => {
    const box: ViewParams = {
      ...DEFAULT_PARAMS,
      region: { kind: 'box', x0: 0.1, y0: 0.2, x1: 0.55, y1: 0.9, exact: true },
    };
    expect(decode(encodeParams(box).toString())).toEqual({ params: box, warnings: [] });
    const poly: ViewParams = {
      ...DEFAULT_PARAMS,
      region: {
        kind: 'polygon',
        points: [
          { x: 0.1, y: 0.1 },
          { x: 0.9, y: 0.2 },
          { x: 0.5, y: 0.8 },
        ],
      },
    };
    expect(decode(encodeParams(poly).toString())).toEqual({ params: poly, warnings: [] });
  });
  it('a polygon with two vertices is refused with a warning', () => {
    expect(decodeOne('?region=polygon:0.1,0.1,0.2,0.2', {})).toMatch(/region.*3 to 256/);
  });
  it("the user's own image is never written: no img and no region", () => {
    const query = encodeParams({ ...DEFAULT_PARAMS, image: null, region: { kind: 'point', x: 0.5, y: 0.5 } });
    expect(query.has('img')).toBe(false);
    expect(query.has('region')).toBe(false);
  });
});

describe('the backend', () => {
  it('is automatic unless the link names one; backend=auto means automatic too', () => {
    expect(decode('').params.backend).toBeNull();
    expect(decode('?backend=auto')).toEqual({ params: DEFAULT_PARAMS, warnings: [] });
    expect(decode('?backend=wasm').params.backend).toBe('wasm');
  });
});

describe('the difference view', () => {
  it('a picked pair is written as diff=a-b and round-trips; no pick writes no key', () => {
    const query = encodeParams({ ...DEFAULT_PARAMS, diff: { a: 'xres', b: 'gradcam' } });
    expect(query.get('diff')).toBe('xres-gradcam');
    expect(decode(query.toString())).toEqual({
      params: { ...DEFAULT_PARAMS, diff: { a: 'xres', b: 'gradcam' } },
      warnings: [],
    });
    expect(encodeParams(DEFAULT_PARAMS).has('diff')).toBe(false);
  });

  it('diff with an unknown id, the same id twice or a third part falls back to the default pair with a warning', () => {
    for (const bad of ['xres-nope', 'rise-rise', 'xres-gradcam-rise', 'xres']) {
      const warning = decodeOne(`?diff=${bad}`, {});
      expect(warning).toMatch(/^Difference \(diff\) .* used the default pair\.$/);
    }
  });
});

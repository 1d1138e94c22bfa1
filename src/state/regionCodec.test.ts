import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Region } from '../regions/registry';
import { decodeMask, encodeMask } from '../regions/brush/maskCode';
import { defaultParams } from './params';
import { decodeParams, encodeParams } from './urlCodec';

const KNOWN = { models: ['selfie'], images: ['astronaut'] };
const coordinate = fc.integer({ min: 0, max: 10_000 }).map((v) => v / 1e4);
const point = fc.record({ x: coordinate, y: coordinate });
const exact = fc.option(fc.constant(true as const), { nil: undefined });
const withExact = <T extends object>(r: T, e: true | undefined) => (e ? { ...r, exact: e } : r);

const click = fc.oneof(
  point.map((p) => ({ kind: 'point' as const, ...p })),
  point.map((p) => ({ kind: 'component' as const, ...p })),
  point.map((p) => ({ kind: 'class' as const, ...p })),
);
const brush = fc
  .record({
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 40 }),
    e: exact,
    seed: fc.integer(),
  })
  .chain(({ width, height, e }) =>
    fc
      .uint8Array({ minLength: width * height, maxLength: width * height, max: 1 })
      .map((mask) => withExact({ kind: 'brush' as const, width, height, mask }, e)),
  );
const drawn = fc.oneof(
  fc
    .tuple(coordinate, coordinate, coordinate, coordinate, exact)
    .map(([x0, y0, x1, y1, e]) => withExact({ kind: 'box' as const, x0, y0, x1, y1 }, e)),
  fc
    .tuple(fc.array(point, { minLength: 3, maxLength: 40 }), exact)
    .map(([points, e]) => withExact({ kind: 'polygon' as const, points }, e)),
  brush,
);
const area = fc.oneof(click, drawn);
const region: fc.Arbitrary<Region> = fc.oneof(
  area,
  fc
    .tuple(fc.constantFrom('component' as const, 'class' as const), point)
    .map(([kind, p]) => ({ kind: 'border' as const, zone: { kind, ...p } })),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), area)
    .map(([versus, a]) => ({ kind: 'contrastive' as const, versus, area: a })),
);

describe('regions in share links (property-based)', () => {
  it('decode(encode(region)) = region, with no warning, for random regions of every kind', () => {
    fc.assert(
      fc.property(region, (r) => {
        const params = { ...defaultParams(), region: r };
        const { params: back, warnings } = decodeParams(encodeParams(params).toString(), KNOWN);
        expect(warnings).toEqual([]);
        expect(back.region).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('random strings as a region never throw: a region or null, and a warning when null', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(
            fc.string(),
            fc.string({ unit: 'grapheme' }),
            fc.constantFrom('brush:', 'brush:3x3:', 'border:', 'contrastive:1:', 'polygon:', 'box:1,2,3'),
          )
          .chain((s) => fc.tuple(fc.constant(s), fc.string())),
        ([head, tail]) => {
          const query = new URLSearchParams({ region: head + tail });
          const { params, warnings } = decodeParams(query, KNOWN);
          if (params.region === null) expect(warnings.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random whole queries never throw', () => {
    fc.assert(
      fc.property(fc.string(), (q) => void decodeParams(q, KNOWN)),
      { numRuns: 300 },
    );
  });

  it('a malformed brush falls back to no region with a notice', () => {
    for (const raw of [
      'brush:4x4:AAAA',
      'brush:0x4:',
      'brush:4x4:!!',
      'brush:5000x2:AA',
      'contrastive:1:border:class:0.1,0.1',
      'border:box:0,0,1,1',
    ]) {
      const { params, warnings } = decodeParams(new URLSearchParams({ region: raw }), KNOWN);
      expect(params.region, raw).toBeNull();
      expect(warnings.join(' '), raw).toMatch(/Region \(region\)/);
    }
  });
});

describe('the brush code', () => {
  it('run lengths round-trip, and a wrong length is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ max: 1, maxLength: 500 }), (m) => {
        expect(decodeMask(encodeMask(m), m.length)).toEqual(m);
        expect(decodeMask(encodeMask(m), m.length + 1)).toBeNull();
      }),
    );
  });

  it('a brushed region covering 30% of a 256×256 grid keeps the whole link under 2,000 characters', () => {
    // A thick wavy stroke, painted as dabs of radius 24 cells along a sine path, until 30% is covered.
    const n = 256;
    const mask = new Uint8Array(n * n);
    let covered = 0;
    for (let t = 0; covered < 0.3 * n * n && t < 2000; t++) {
      const cx = 30 + ((t * 0.7) % 200);
      const cy = 128 + 70 * Math.sin(t / 25) * Math.cos(t / 90);
      for (let y = Math.floor(cy - 24); y <= cy + 24; y++) {
        for (let x = Math.floor(cx - 24); x <= cx + 24; x++) {
          if (x < 0 || y < 0 || x >= n || y >= n || (x - cx) ** 2 + (y - cy) ** 2 > 24 ** 2 || mask[y * n + x])
            continue;
          mask[y * n + x] = 1;
          covered++;
        }
      }
    }
    expect(covered / (n * n)).toBeGreaterThanOrEqual(0.3);
    const query = encodeParams({ ...defaultParams(), region: { kind: 'brush', width: n, height: n, mask } });
    const link = `https://example.org/segexplain/?${query.toString()}`;
    expect(link.length).toBeLessThan(2000);
    expect(decodeParams(new URL(link).search, KNOWN).params.region).toMatchObject({ kind: 'brush', mask });
  });
});

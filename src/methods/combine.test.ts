import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SettingSpecs, SettingValue } from '../core/settings';
import { toHeatMap } from '../engine/heatmap';
import { combineMap, combines } from './combine';
import { HOST_GRADCAMPP_EPSILON } from './gradcampp/combine';
import { GRADCAMPP_EPSILON } from './gradcampp/oracle';
import { anyMeta, combinerOf, METHODS } from './registry';
import type { HostTensor } from '../explain/host/tensor';
import { randomHost } from '../../scripts/testing/hostData';
import { oracleOf } from '../../scripts/testing/oracles';
import { combine as gradcam } from './gradcam/combine';
import { combine as gradcampp } from './gradcampp/combine';
import { combine as layercam } from './layercam/combine';
import { combine as xres } from './xres/combine';

const HOST_COMBINE = { gradcam, gradcampp, layercam, xres };
import { useCpuBackend } from '../../scripts/testing/cpuBackend';

beforeAll(useCpuBackend);

const GRADIENT_IDS = METHODS.filter((m) => m.needs === 'gradients').map((m) => m.id);

/**
 * Every combination of a method's settings: all choices, every window 0 … one past the grid; other numbers at min,
 * default, max.
 */
function settingCombos(specs: SettingSpecs, grid: readonly [number, number]): Record<string, SettingValue>[] {
  let combos: Record<string, SettingValue>[] = [{}];
  for (const [key, spec] of Object.entries(specs)) {
    const values: SettingValue[] =
      spec.kind === 'choice'
        ? spec.options.map((o) => o.value)
        : spec.kind === 'window'
          ? Array.from({ length: Math.max(...grid) + 2 }, (_, i) => i)
          : [spec.min, spec.default, spec.max];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
};

// Seeded A and G: negative activations too, exact zeros in G (Grad-CAM++'s mask), and A ≥ 0 with G ≤ 0 (every map
// all zero after ReLU).
const round = (v: number) => Math.round(v * 2) / 2;
const DATA: [string, (shape: [number, number, number]) => [HostTensor, HostTensor]][] = [
  ['A and G of both signs', (s) => [randomHost(s, 11), randomHost(s, 12)]],
  ["ReLU'd A, G with exact zeros", (s) => [randomHost(s, 13, (v) => Math.max(0, v)), randomHost(s, 14, round)]],
  ['A ≥ 0, G ≤ 0: all zero after ReLU', (s) => [randomHost(s, 15, Math.abs), randomHost(s, 16, (v) => -Math.abs(v))]],
];

const CASES: { shape: [number, number, number]; sizes: [number, number][] }[] = [
  {
    shape: [5, 7, 3],
    sizes: [
      [5, 7],
      [23, 31],
    ],
  },
  { shape: [16, 16, 32], sizes: [[96, 96]] },
  { shape: [1, 1, 4], sizes: [[8, 8]] },
];

describe('the one dispatch covers the registry', () => {
  it('has a combine for exactly the gradient methods of registry.ts', () => {
    expect(Object.keys(HOST_COMBINE).sort()).toEqual([...GRADIENT_IDS].sort());
    for (const m of METHODS) expect(combines(m.id)).toBe(m.needs === 'gradients');
    for (const id of GRADIENT_IDS) expect(combinerOf(id)?.combine).toBe(HOST_COMBINE[id as keyof typeof HOST_COMBINE]);
  });
  it("uses oracle.ts's Grad-CAM++ ε", () => expect(HOST_GRADCAMPP_EPSILON).toBe(GRADCAMPP_EPSILON));
});

describe('combine.ts + post-processing equals the tfjs oracle + toHeatMap (≤ 1e-5)', () => {
  for (const id of GRADIENT_IDS) {
    for (const { shape, sizes } of CASES) {
      for (const [name, make] of DATA) {
        it(`${id}, ${shape.join('×')}, ${name}`, async () => {
          expect(combines(id)).toBe(true); // a gradient method without a combine fails here too
          const [a, g] = make(shape);
          const [at, gt] = [tf.tensor3d(a.data, shape), tf.tensor3d(g.data, shape)];
          const oracle = oracleOf(id);
          const host = combinerOf(id)!;
          const combos = settingCombos(anyMeta(id).settings, [shape[0], shape[1]]);
          for (const settings of combos) {
            const label = `${id} ${JSON.stringify(settings)}`;
            const raw = host.combine(a, g, settings);
            const rawT = oracle.combine(at, gt, settings);
            const want = rawT.dataSync();
            // The raw map, relative to its own scale (min-max divides by it), then the displayed map at each size.
            const scale = Math.max(1e-30, ...Array.from(want, Math.abs));
            expect(maxDiff(raw, want) / scale, label).toBeLessThanOrEqual(1e-5);
            for (const size of sizes) {
              const { map, tensor } = await toHeatMap(rawT, size); // toHeatMap leaves the raw map to its caller
              tensor.dispose();
              const got = combineMap({ id, settings }, a, g, size);
              expect(got.positive, label).toBe(map.positive);
              expect(maxDiff(got.data, map.data), `${label} → ${size}`).toBeLessThanOrEqual(1e-5);
              if (name.startsWith('A ≥ 0')) expect(got.positive || got.data.some((v) => v !== 0), label).toBe(false);
            }
            rawT.dispose();
          }
          at.dispose();
          gt.dispose();
        });
      }
    }
  }
});

describe('the comparison can fail', () => {
  it('settings matter: max vs mean, valid vs reference, 2×2 vs 1×1 give different host maps', () => {
    const [a, g] = [randomHost([5, 7, 3], 11), randomHost([5, 7, 3], 12)];
    const x = (pool: 'max' | 'mean', window: number, edges: 'valid' | 'reference') =>
      HOST_COMBINE.xres(a, g, { pool, window, edges });
    expect(maxDiff(x('max', 2, 'valid'), x('mean', 2, 'valid'))).toBeGreaterThan(1e-2);
    expect(maxDiff(x('max', 2, 'valid'), x('max', 2, 'reference'))).toBeGreaterThan(1e-2);
    expect(maxDiff(x('max', 2, 'valid'), x('max', 1, 'valid'))).toBeGreaterThan(1e-2);
  });
  it('the methods differ from one another on the same A and G', () => {
    const [a, g] = [randomHost([5, 7, 3], 11), randomHost([5, 7, 3], 12)];
    const maps = [HOST_COMBINE.gradcam(a, g, {}), HOST_COMBINE.layercam(a, g, {}), HOST_COMBINE.gradcampp(a, g, {})];
    expect(maxDiff(maps[0]!, maps[1]!)).toBeGreaterThan(1e-2);
    expect(maxDiff(maps[1]!, maps[2]!)).toBeGreaterThan(1e-2);
  });
  it('docs/METHOD.md identities hold on the host: 1×1 = HiResCAM, h×w mean = Seg-Grad-CAM', () => {
    const [a, g] = [randomHost([5, 7, 3], 11), randomHost([5, 7, 3], 12)];
    const hires = Float32Array.from({ length: 35 }, (_, cell) =>
      Math.max(
        0,
        [0, 1, 2].reduce((s, c) => s + a.data[cell * 3 + c]! * g.data[cell * 3 + c]!, 0),
      ),
    );
    for (const edges of ['valid', 'reference'] as const) {
      for (const pool of ['max', 'mean'] as const)
        expect(maxDiff(HOST_COMBINE.xres(a, g, { pool, window: 1, edges }), hires)).toBeLessThan(1e-5);
      expect(
        maxDiff(HOST_COMBINE.xres(a, g, { pool: 'mean', window: 0, edges }), HOST_COMBINE.gradcam(a, g, {})),
      ).toBeLessThan(1e-5);
    }
  });
  it('refuses A and G of different shapes', () => {
    expect(() => HOST_COMBINE.layercam(randomHost([5, 7, 3], 1), randomHost([5, 7, 2], 2), {})).toThrow(/shape/);
  });
});

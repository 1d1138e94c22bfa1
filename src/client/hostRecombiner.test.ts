import { describe, expect, it } from 'vitest';
import type { ExplainedTarget } from '../core/results';
import { hostTensor } from '../explain/host/tensor';
import { combineMap } from '../methods/combine';
import { randomHost } from '../../scripts/testing/hostData';
import { HostRecombiner } from './hostRecombiner';

const target = { classIndex: 1 } as ExplainedTarget;

describe('HostRecombiner', () => {
  it('recombines what it holds, answers null when it holds nothing or for a method without a plain-JS combine', () => {
    const a = randomHost([6, 5, 3], 1);
    const g = randomHost([6, 5, 3], 2);
    const r = new HostRecombiner();
    const xres = { id: 'xres', settings: { pool: 'mean', window: 2, edges: 'valid' } } as const;
    expect(r.combine([xres])).toBeNull();
    r.hold({ shape: [6, 5, 3], activations: a.data, gradients: g.data }, [12, 10], target);
    const got = r.combine([xres]);
    expect(got?.target).toBe(target);
    expect(Array.from(got?.maps.xres?.data ?? [])).toEqual(
      Array.from(combineMap(xres, hostTensor(a.data, [6, 5, 3]), hostTensor(g.data, [6, 5, 3]), [12, 10]).data),
    );
    expect(
      r.combine([
        xres,
        {
          id: 'rise',
          settings: {
            count: 8,
            gridSize: 4,
            keepProbability: 0.5,
            seed: 1,
            stop: 'all',
            tolerance: 1,
            weighting: 'dice',
          },
        },
      ]),
    ).toBeNull();
    r.forget();
    expect(r.combine([xres])).toBeNull();
  });

  it("sweeps a method's window setting over every window, its other settings as given", () => {
    const a = randomHost([6, 5, 3], 1);
    const g = randomHost([6, 5, 3], 2);
    const r = new HostRecombiner();
    const call = { id: 'xres', settings: { pool: 'mean', window: 2, edges: 'reference' } } as const;
    expect(r.sweep(call, 'window')).toBeNull();
    const mask = new Uint8Array(120).fill(1, 30, 50); // rows 3–4 of a 12×10 output grid
    const region = { ...target, mask, maskSize: [12, 10] } as ExplainedTarget;
    r.hold({ shape: [6, 5, 3], activations: a.data, gradients: g.data }, [12, 10], region);
    const thumbs = r.sweep(call, 'window') ?? [];
    expect(thumbs.map((t) => t.window)).toEqual([1, 2, 3, 4, 5, 0]);
    const [ha, hg] = [hostTensor(a.data, [6, 5, 3]), hostTensor(g.data, [6, 5, 3])];
    for (const t of thumbs) {
      const want = combineMap({ id: 'xres', settings: { ...call.settings, window: t.window } }, ha, hg, [12, 10]);
      expect(Array.from(t.map.data)).toEqual(Array.from(want.data));
      // mass: the map's share inside rows 3–4 (the region, same grid as the map)
      const inside = want.data.slice(30, 50).reduce((x, y) => x + y, 0);
      expect(t.mass).toBeCloseTo(inside / want.data.reduce((x, y) => x + y, 0), 6);
    }
    // The other settings reach every thumbnail: max pooling gives other maps than mean.
    const max = r.sweep({ id: 'xres', settings: { ...call.settings, pool: 'max' } }, 'window') ?? [];
    expect(Array.from(max[1]!.map.data)).not.toEqual(Array.from(thumbs[1]!.map.data));
  });
});

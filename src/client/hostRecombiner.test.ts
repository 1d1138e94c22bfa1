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
      r.combine([xres, { id: 'rise', settings: { count: 8, gridSize: 4, keepProbability: 0.5, seed: 1 } }]),
    ).toBeNull();
    r.forget();
    expect(r.combine([xres])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { layerCandidates } from './layerCandidates';

const layers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `l${i}`, shape: [4, 4, 8] as [number, number, number] }));

describe('layer sweep candidates', () => {
  it('takes every layer of a small model, in order', () => {
    expect(layerCandidates(layers(5), ['l3'], 12)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
  });
  it('spreads over a large model, first and last included, and always keeps the asked-for layers', () => {
    const got = layerCandidates(layers(100), ['l50', 'l51', 'nope'], 6);
    expect(got).toEqual(['l0', 'l33', 'l50', 'l51', 'l66', 'l99']);
  });
  it('takes exactly as many as asked, even when spread picks coincide with kept layers', () => {
    const got = layerCandidates(layers(30), ['l0', 'l29'], 4);
    expect(got).toHaveLength(4);
    expect(got).toContain('l0');
    expect(got).toContain('l29');
  });
});

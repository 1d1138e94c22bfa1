import { describe, expect, it } from 'vitest';
import { isJob } from '../core/method';
import { METHODS, REFERENCE_METHOD } from './registry';

// What generic code reads from the metas instead of naming method ids.
describe('the metas tell generic code what it used to know by id', () => {
  it('RISE is the one reference the others are correlated with', () => {
    expect(METHODS.filter((m) => m.role === 'reference').map((m) => m.id)).toEqual(['rise']);
    expect(REFERENCE_METHOD).toBe('rise');
  });
  it('every method has its own plot style: colour, and dash with marker', () => {
    const colours = METHODS.map((m) => m.plot.color.toLowerCase());
    const cues = METHODS.map((m) => `${m.plot.dash}|${m.plot.marker}`);
    expect(new Set(colours).size).toBe(METHODS.length);
    expect(new Set(cues).size).toBe(METHODS.length);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('every job counts its progress in a unit, and only jobs do', () => {
    for (const m of METHODS) expect(Boolean(m.progressUnit)).toBe(isJob(m.needs));
    expect(METHODS.find((m) => m.id === 'rise')?.progressUnit).toBe('masks');
    expect(METHODS.find((m) => m.id === 'scorecam')?.progressUnit).toBe('channels');
  });
  it('the default Difference pair is Seg-XRes-CAM − Seg-Grad-CAM, one method per side', () => {
    expect(METHODS.filter((m) => m.difference === 'a').map((m) => m.id)).toEqual(['xres']);
    expect(METHODS.filter((m) => m.difference === 'b').map((m) => m.id)).toEqual(['gradcam']);
  });
});

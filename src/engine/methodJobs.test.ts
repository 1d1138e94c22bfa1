import { describe, expect, it } from 'vitest';
import { combines } from '../methods/combine';
import { METHODS } from '../methods/registry';
import { checkRegistry, jobOf } from './methodJobs';

describe('the method registry', () => {
  it('every registered method has a combine or a job.ts, as its meta says', () => {
    expect(checkRegistry()).toEqual([]);
    for (const m of METHODS) expect(combines(m.id)).toBe(m.needs === 'gradients');
    for (const m of METHODS) if (m.needs !== 'gradients') expect(typeof jobOf(m.id).run).toBe('function');
    for (const m of METHODS) if (m.needs === 'gradients') expect(() => jobOf(m.id)).toThrow(/not a job/);
  });
  it('defaults sit inside their limits and every method states a paper', () => {
    for (const m of METHODS) {
      expect(m.reference.url).toMatch(/^https:\/\//);
      for (const spec of Object.values(m.settings) as {
        kind: string;
        default: unknown;
        min?: number;
        max?: number;
        options?: { value: string }[];
      }[]) {
        if (spec.kind === 'choice') expect(spec.options?.map((o) => o.value)).toContain(spec.default);
        else expect(spec.default as number).toBeGreaterThanOrEqual(spec.min as number);
      }
    }
  });
  it("the paper's three methods are shown by default", () => {
    expect(METHODS.filter((m) => m.shownByDefault).map((m) => m.id)).toEqual(['gradcam', 'xres', 'rise']);
  });
});

import { describe, expect, it } from 'vitest';
import { JobRegistry } from './jobs';

describe('JobRegistry', () => {
  it('a newer job of the same kind aborts the older one, other kinds are untouched', () => {
    const jobs = new JobRegistry();
    const a = jobs.start('rise', 1);
    const b = jobs.start('cams', 2);
    const c = jobs.start('rise', 3);
    expect(a.aborted).toBe(true);
    expect(b.aborted).toBe(false);
    expect(c.aborted).toBe(false);
  });
  it('cancel(id) aborts only that job; finishing forgets it', () => {
    const jobs = new JobRegistry();
    const a = jobs.start('rise', 1);
    jobs.cancel(2);
    expect(a.aborted).toBe(false);
    jobs.cancel(1);
    expect(a.aborted).toBe(true);
    const b = jobs.start('rise', 4);
    jobs.finish('rise', 4);
    jobs.start('rise', 5);
    expect(b.aborted).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { jobExtentText, jobProgressText, roughDuration, runtimeText } from './jobProgressText';

describe('jobProgressText', () => {
  it('says starting before the first batch', () => {
    expect(jobProgressText({ done: 0, total: 2000 }, 'masks')).toBe('starting…');
  });
  it('estimates the time left from the measured throughput, to N when no stop is expected', () => {
    // 100 masks in 4 s: 1900 more take 76 s
    expect(jobProgressText({ done: 100, total: 2000, elapsedMs: 4000 }, 'masks')).toBe(
      '100 / 2000 masks · about 1 min left',
    );
  });
  it('counts towards the expected stop and shows the stability', () => {
    // 300 masks in 6 s, expects 700: 400 more at 20 ms each = 8 s
    expect(jobProgressText({ done: 300, total: 2000, elapsedMs: 6000, stability: 0.876, expected: 700 }, 'masks')).toBe(
      '300 / 2000 masks · stability 0.88 · about 8 s left (expects to stop near 700 masks)',
    );
  });
  it('says nothing about time at the end or without a timing', () => {
    expect(jobProgressText({ done: 2000, total: 2000, elapsedMs: 9000 })).toBe('2000 / 2000');
    expect(jobProgressText({ done: 10, total: 2000 })).toBe('10 / 2000');
  });
});

describe('roughDuration and jobExtentText', () => {
  it('rounds to what an estimate can say', () => {
    expect(roughDuration(400)).toBe('under a second');
    expect(roughDuration(12_400)).toBe('about 12 s');
    expect(roughDuration(150_000)).toBe('about 3 min');
  });
  it('says how many masks a finished run used and whether it stopped early', () => {
    expect(jobExtentText({ used: 650, total: 2000, stability: 0.934 }, 'masks')).toBe(
      '650 of 2000 masks, stopped when stable; stability 0.93',
    );
    expect(jobExtentText({ used: 2000, total: 2000, stability: 0.91 }, 'masks')).toBe(
      '2000 of 2000 masks; stability 0.91',
    );
  });
});

describe('time to map', () => {
  it('says milliseconds under a second, tenths of seconds under ten, whole seconds above, and what ran', () => {
    expect(runtimeText({ ms: 0.2, kind: 'recombined' })).toBe('1 ms (recombined, no network run)');
    expect(runtimeText({ ms: 843.6, kind: 'pass' })).toBe('844 ms (shared gradient pass)');
    expect(runtimeText({ ms: 1840, kind: 'pass' })).toBe('1.8 s (shared gradient pass)');
    expect(runtimeText({ ms: 51_650, kind: 'job' })).toBe('52 s (own passes)');
  });
});

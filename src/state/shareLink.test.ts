import { describe, expect, it } from 'vitest';
import { defaultParams } from './params';
import { MAX_LINK_LENGTH, shareLink, syncUrl } from './shareLink';
import { createAppStore } from './store';

const BASE = 'https://example.org/app/';

describe('shareLink', () => {
  it('a view of a bundled sample is reproduced whole', () => {
    const link = shareLink({ ...defaultParams(), region: { kind: 'point', x: 0.5, y: 0.5 } }, BASE);
    expect(link.missing).toEqual([]);
    expect(link.url).toContain('region=point');
  });
  it('your own image is never claimed: no img, no region, and the link says what it lacks', () => {
    const link = shareLink({ ...defaultParams(), image: null, region: { kind: 'point', x: 0.5, y: 0.5 } }, BASE);
    expect(link.url).not.toMatch(/img=|region=/);
    expect(link.missing.join(' ')).toMatch(/your own image/);
  });
  it('a region too detailed for a link is left out with a reason, and the link stays under the limit', () => {
    const n = 256;
    // A checkerboard brush: the worst case for run lengths.
    const mask = Uint8Array.from({ length: n * n }, (_, i) => ((i % n) + Math.floor(i / n)) % 2);
    const link = shareLink({ ...defaultParams(), region: { kind: 'brush', width: n, height: n, mask } }, BASE);
    expect(link.url.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
    expect(link.url).not.toContain('region=');
    expect(link.missing.join(' ')).toMatch(/too detailed for a link/);
  });
  it('the address bar follows the params', () => {
    const store = createAppStore();
    const written: string[] = [];
    syncUrl(
      store,
      { replaceState: (_d, _u, url) => void written.push(url) },
      () => '/app/',
      (write) => write(),
    );
    store.getState().setParams({ threshold: 0.5 });
    expect(written).toHaveLength(2);
    expect(written[1]).toContain('thr=0.5');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSizes, firstPaintScripts, staticImports } from './bundle';

describe('first-paint bundle accounting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads module scripts and preloads from index.html, and static (not dynamic) imports from JS', () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/react-b.js">';
    expect(firstPaintScripts(html)).toEqual(['assets/index-a.js', 'assets/react-b.js']);
    expect(staticImports('import{a}from"./x.js";import"./y.js";const h=()=>import("./lazy.js")')).toEqual([
      'x.js',
      'y.js',
    ]);
  });

  it('counts what first paint loads and leaves lazy chunks and the worker out', () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/index-a.js"></script>');
    writeFileSync(
      join(dir, 'assets/index-a.js'),
      'import"./dep-b.js";const l=()=>import("./lazy-c.js");new Worker("engine.worker-d.js")',
    );
    writeFileSync(join(dir, 'assets/dep-b.js'), 'export const b=1;'.repeat(50));
    writeFileSync(join(dir, 'assets/lazy-c.js'), 'export const c=2;'.repeat(5000));
    writeFileSync(join(dir, 'assets/engine.worker-d.js'), 'import"./dep-b.js";');
    const sizes = bundleSizes(dir);
    expect(sizes.firstPaint.files.sort()).toEqual(['assets/dep-b.js', 'assets/index-a.js']);
    expect(sizes.worker.files.sort()).toEqual(['assets/dep-b.js', 'assets/engine.worker-d.js']);
    expect(sizes.firstPaint.gzip).toBeGreaterThan(0);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Chunks a JS file imports statically (`import … from "./x.js"`, `import "./x.js"`), relative to its folder. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]!);
}

/** The JS files index.html makes the browser load before it can paint: module scripts, module preloads, and theirs. */
export function firstPaintScripts(html: string): string[] {
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!.replace(/^\.?\//, ''));
  return [...new Set(refs)];
}

/** Every file reachable from `roots` through static imports, inside `dir` (paths relative to it). */
export function closure(dir: string, roots: string[]): string[] {
  const seen = new Set(roots);
  for (const f of seen) {
    const folder = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    for (const dep of staticImports(readFileSync(join(dir, f), 'utf8'))) seen.add(folder + dep);
  }
  return [...seen];
}

export const gzipBytes = (dir: string, files: string[]): number =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);

/** First-paint JS and the worker's start (its entry and static imports, before a backend chunk), gzipped. */
export function bundleSizes(outDir: string): {
  firstPaint: { files: string[]; gzip: number };
  worker: { files: string[]; gzip: number };
} {
  const first = closure(outDir, firstPaintScripts(readFileSync(join(outDir, 'index.html'), 'utf8')));
  const entry = readdirSync(join(outDir, 'assets')).find((f) => f.startsWith('engine.worker-') && f.endsWith('.js'));
  const worker = entry ? closure(outDir, [`assets/${entry}`]) : [];
  return {
    firstPaint: { files: first, gzip: gzipBytes(outDir, first) },
    worker: { files: worker, gzip: gzipBytes(outDir, worker) },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { bundleSizes } from './bench/bundle';
import type { BenchRow } from './bench/measure';
import { printRows } from './bench/print';

const FIRST_PAINT_LIMIT = 1.5 * 1024 * 1024;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB gzip`;

it('first-paint JavaScript of the production build', async () => {
  const { build } = await import('vite');
  const out = mkdtempSync(join(tmpdir(), 'segexplain-bundle-'));
  // vitest sets NODE_ENV=test, which would bundle React's development build: measure what users get.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(process.cwd(), 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir: out, emptyOutDir: true, copyPublicDir: false },
    });
    const { firstPaint, worker } = bundleSizes(out);
    expect(firstPaint.files.length).toBeGreaterThan(0);
    const rows: BenchRow[] = [
      {
        model: 'app',
        what: 'first-paint JS, gzip ÷ 1.5 MB',
        value: firstPaint.gzip / FIRST_PAINT_LIMIT,
        unit: 'ratio',
        goal: '≤ 1',
        ok: firstPaint.gzip <= FIRST_PAINT_LIMIT,
        detail: `${kB(firstPaint.gzip)} in ${firstPaint.files.length} file(s)`,
      },
      {
        model: 'app',
        what: 'worker start JS (before a backend chunk), gzip',
        value: worker.gzip / FIRST_PAINT_LIMIT,
        unit: 'ratio',
        goal: 'reported',
        ok: true,
        detail: `${kB(worker.gzip)} in ${worker.files.length} file(s)`,
      },
    ];
    console.log(`\nBundle size\n${printRows(rows)}\n`);
  } finally {
    process.env.NODE_ENV = env;
    rmSync(out, { recursive: true, force: true });
  }
});

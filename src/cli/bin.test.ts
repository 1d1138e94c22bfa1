// bin/segexplain.mjs as a user runs it (a child process), and its stand-in for Vite's eager import.meta.glob.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const { eagerGlob } = createRequire(import.meta.url)('../../bin/eagerGlob.cjs') as {
  eagerGlob(
    file: string,
    load: (p: string) => unknown,
    pattern: string,
    o?: { eager?: boolean },
  ): Record<string, unknown>;
};

describe('bin/segexplain.mjs', () => {
  it('loads the engine (its method jobs through the glob) and refuses an unknown method with exit status 2', () => {
    const r = spawnSync(
      process.execPath,
      [
        'bin/segexplain.mjs',
        'eval',
        '--out',
        mkdtempSync(join(tmpdir(), 'bin-')),
        '--scenes',
        'heldout',
        '--methods',
        'magic',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toMatch(/Unknown method "magic": one of gradcam, xres/);
    expect(r.status).toBe(2);
  }, 150_000);

  it('eagerGlob returns every file the pattern matches, keyed as Vite keys them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glob-'));
    for (const [folder, file] of [
      ['a', 'job.ts'],
      ['b', 'job.ts'],
      ['c', 'meta.ts'],
    ]) {
      mkdirSync(join(dir, 'methods', folder as string), { recursive: true });
      writeFileSync(join(dir, 'methods', folder as string, file as string), '');
    }
    const from = join(dir, 'engine', 'methodJobs.ts');
    const found = eagerGlob(from, (p) => `loaded ${p}`, '../methods/*/job.ts', { eager: true });
    expect(found).toEqual({
      '../methods/a/job.ts': `loaded ${join(dir, 'methods', 'a', 'job.ts')}`,
      '../methods/b/job.ts': `loaded ${join(dir, 'methods', 'b', 'job.ts')}`,
    });
    expect(() => eagerGlob(from, () => null, '../methods/*/job.ts')).toThrow(/eager: true/);
  });
});

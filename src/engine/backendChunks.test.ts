import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The built worker: each backend's code is in a chunk of its own, reached only by a dynamic import(), so the worker
 * downloads only the backends it tries. Each backend is recognised by a flag only its own package registers.
 */
describe('the production build', () => {
  const MARKERS = {
    webgpu: 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE',
    webgl: 'WEBGL_PACK',
    wasm: 'WASM_HAS_SIMD_SUPPORT',
    cpu: 'looks like you are running TensorFlow.js in', // MathBackendCPU's Node warning (not in cpu/shared)
  } as const;

  it('puts each backend in its own lazily imported chunk, none in the worker entry or its static imports', async () => {
    const { build } = await import('vite');
    const out = mkdtempSync(join(tmpdir(), 'segexplain-chunks-'));
    try {
      await build({
        configFile: join(process.cwd(), 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: out, emptyOutDir: true, copyPublicDir: false },
      });
      const dir = join(out, 'assets');
      const js = Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.js'))
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );
      // The engine worker, and its helper (helper.worker.ts), a bundle of its own with its own backend chunks.
      for (const name of ['engine.worker-', 'helper.worker-']) {
        const entries = Object.keys(js).filter((f) => f.startsWith(name));
        expect(entries, name).toHaveLength(1);
        const entry = entries[0]!;

        // What loads with the worker: its entry and, transitively, the chunks it imports statically.
        const staticImports = (code: string) =>
          [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]!);
        const eager = new Set([entry]);
        for (const f of eager) for (const dep of staticImports(js[f]!)) eager.add(dep);
        const lazy = new Set(
          [...js[entry]!.matchAll(/\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]!),
        );

        const chunkOf: Record<string, string> = {};
        for (const [backend, marker] of Object.entries(MARKERS)) {
          const holders = Object.keys(js).filter((f) => (eager.has(f) || lazy.has(f)) && js[f]!.includes(marker));
          expect(holders, `${name} ${backend}'s code`).toHaveLength(1);
          const chunk = holders[0]!;
          expect(eager.has(chunk), `${backend}'s code (${chunk}) loads with ${name}`).toBe(false);
          expect(lazy.has(chunk), `${backend}'s chunk (${chunk}) is a dynamic import() of ${name}`).toBe(true);
          chunkOf[backend] = chunk;
        }
        expect(new Set(Object.values(chunkOf)).size).toBe(Object.keys(MARKERS).length);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

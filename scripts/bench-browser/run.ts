// npm run bench:browser: builds the bench page and the app, opens them in Debian's Chromium (headless) and prints the
// ratios of "Fast on every machine" for every bundled model on wasm and WebGL, each next to its goal.
// Env: BENCH_PARTS (default "models,slider"), BENCH_BACKENDS (default "wasm,webgl"), BENCH_MASKS_WASM (2000), BENCH_MASKS_WEBGL (256: SwiftShader's WebGL
// runs RISE at 2000 masks for tens of minutes; the app passes it over for wasm), BENCH_MODELS.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { BenchRow } from '../bench/measure';
import { printRows } from '../bench/print';
import { sliderLatency } from './slider';

const OUT = '/tmp/segexplain-bench';
const PORTS = { page: 4197, app: 4198 };
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgl').split(',');
/** BENCH_PARTS: "models" (the ratios per model, in a worker) and/or "slider" (input → frame in the app) */
const parts = (process.env.BENCH_PARTS ?? 'models,slider').split(',');
const DEFAULT_MASKS: Record<string, number> = { wasm: 2000, webgl: 256 };
const masksFor = (backend: string) =>
  Number(process.env[`BENCH_MASKS_${backend.toUpperCase()}`] ?? DEFAULT_MASKS[backend] ?? 2000);

function build(args: string[]): void {
  execFileSync('npx', ['vite', 'build', '--emptyOutDir', '--logLevel', 'warn', ...args], { stdio: 'inherit' });
}

async function serve(dir: string, port: number, config?: string): Promise<ChildProcess> {
  // vite's own entry (not npx): kill() then stops the server itself, not a wrapper.
  const child = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--outDir',
      dir,
      '--port',
      String(port),
      '--strictPort',
      ...(config ? ['--config', config] : []),
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview on ${port} did not start`);
}

async function benchPage(browser: Browser, backend: string): Promise<BenchRow[]> {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(m.text()));
  const query = new URLSearchParams({
    backend,
    masks: String(masksFor(backend)),
    ...(process.env.BENCH_MODELS ? { models: process.env.BENCH_MODELS } : {}),
  });
  await page.goto(`http://127.0.0.1:${PORTS.page}/?${query}`);
  let printed = 0;
  for (;;) {
    const { result, log } = await page.evaluate(() => {
      const w = window as unknown as { benchResult?: { rows: BenchRow[] } | { error: string }; benchLog?: string[] };
      return { result: w.benchResult, log: w.benchLog ?? [] };
    });
    log.slice(printed).forEach((l) => console.log(`  [${backend}] ${l}`));
    printed = log.length;
    if (result && 'error' in result) throw new Error(result.error);
    if (result) {
      await page.close();
      return result.rows;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main(): Promise<void> {
  build(['--config', 'scripts/bench-browser/vite.config.ts', '--outDir', `${OUT}/page`]);
  build(['--outDir', `${OUT}/app`]);
  const servers = [
    await serve(`${OUT}/page`, PORTS.page, 'scripts/bench-browser/vite.config.ts'),
    await serve(`${OUT}/app`, PORTS.app),
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
  const tables: string[] = [];
  try {
    const version = browser.version();
    for (const backend of backends) {
      const rows = parts.includes('models') ? await benchPage(browser, backend) : [];
      if (!parts.includes('slider')) {
        tables.push(printRows(rows, backend));
        continue;
      }
      const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      rows.push(
        ...(await sliderLatency(page, `http://127.0.0.1:${PORTS.app}`, backend, masksFor(backend), (l) =>
          console.log(`  [${backend}] ${l}`),
        )),
      );
      await page.close();
      tables.push(printRows(rows, backend));
    }
    console.log(`\nnpm run bench:browser: Chromium ${version} (headless), ${backends.join(' and ')}\n`);
    console.log(tables.map((t, i) => (i ? t.split('\n').slice(2).join('\n') : t)).join('\n'));
  } finally {
    await browser.close();
    servers.forEach((s) => s.kill());
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

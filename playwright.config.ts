import { defineConfig } from '@playwright/test';

// Overridable so that two checkouts (or a CI run beside a dev session) can run e2e at once.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  // One worker: every test drives TensorFlow.js on a 2-core machine; parallel pages only slow each other down.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1500, height: 1000 },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    // Tests tagged @webgpu need WebGPU and run in the "webgpu" project only.
    { name: 'chromium', testIgnore: /fallback\.spec\.ts/, grepInvert: /@webgpu/ },
    // No GPU and no software rasteriser: WebGL cannot start, to prove the fallback.
    {
      name: 'no-webgl',
      testMatch: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...CHROMIUM_ARGS, '--disable-software-rasterizer'] } },
    },
    // WebGPU is off by default in Linux Chromium (no adapter); this flag gives SwiftShader's software adapter, enough to
    // run the WebGPU backend end to end.
    {
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts/,
      grep: /@webgpu/,
      use: { launchOptions: { executablePath, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } },
    },
  ],
  webServer: {
    command: `npx vite build --outDir ${OUT_DIR} --emptyOutDir && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});

/**
 * The README's screenshots of the main view: laptop (1440×900) and phone (390×844), light and dark, after a click on
 * the default sample with the default settings. Run against a served build:
 *   npx vite build && npx vite preview --port 4173 &  npx tsx scripts/docs-screenshots.ts [http://127.0.0.1:4173]
 */
import { chromium } from '@playwright/test';
// window.segexplain's type (declared once, in the app).
import type {} from '../src/app/e2eHook';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const OUT = 'docs/screenshots';
const SIZES = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
].filter((s) => !process.env.DOCS_SIZES || process.env.DOCS_SIZES.split(',').includes(s.name));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of SIZES) {
      const page = await browser.newPage({
        viewport: { width: size.width, height: size.height },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      // The first-visit hint is dismissed: the screenshot shows the view a returning user sees.
      await page.addInitScript(() => localStorage.setItem('segexplain.hintDismissed', '1'));
      await page.goto(`${base}/?backend=wasm`);
      await page.waitForFunction(() => window.segexplain?.state().prediction != null, null, { timeout: 180_000 });
      const image = page.getByRole('application', { name: 'Image' });
      const box = await image.boundingBox();
      if (!box) throw new Error('image not laid out');
      await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.3);
      await page.waitForFunction(
        () => {
          const s = window.segexplain.state();
          return s.params.methods.every((m) => s.results[m]?.status === 'done' && s.results[m]?.sufficiency);
        },
        null,
        { timeout: 300_000 },
      );
      await page.mouse.move(0, 0); // no hover crosshair in the picture
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      // On a phone the whole page: the image, the panel row and the settings sheet below it.
      await page.screenshot({ path: `${OUT}/main-${size.name}-${scheme}.png`, fullPage: size.name === 'phone' });
      await page.close();
    }
  }
} finally {
  await browser.close();
}

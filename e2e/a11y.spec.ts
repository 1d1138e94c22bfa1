import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, FAST, test, type Explorer } from './fixtures';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Serious and critical axe violations of the whole page, as "rule: target" lines (empty when clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

async function explained(explorer: Explorer): Promise<void> {
  await explorer.open(`${FAST}&model=unet`);
  await explorer.clickAt(0.5, 0.5);
  await explorer.waitDone();
  await explorer.waitSufficiency();
}

for (const vp of VIEWPORTS) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: no serious or critical violation on the main view, ${scheme}, ${vp.name}`, async ({
      explorer,
      page,
    }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme: scheme });
      await explained(explorer);
      expect(await seriousViolations(page)).toEqual([]);
      // The settings sheet opened on a phone, and the help drawer, are part of the main view too.
      const sheet = page.getByRole('button', { name: 'Settings', exact: true });
      if (await sheet.isVisible()) await sheet.click();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

/** Presses Tab until `target` has focus (at most `limit` times); every stop on the way must show its focus. */
async function tabTo(page: Page, target: (el: Element) => boolean, backwards = false, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const stop = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { visible, name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 40) || el.tagName, hit: (${target.toString()})(el) };
    })()`)) as { visible: boolean; name: string; hit: boolean } | null;
    if (!stop) continue;
    expect(stop.visible, `focus visible on "${stop.name}"`).toBe(true);
    if (stop.hit) return;
  }
  throw new Error('target not reached with Tab');
}

test('keyboard only: explain a point, draw a box, change window and pooling, copy the link', async ({
  explorer,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1440, height: 900 });
  await explorer.open(`${FAST}&model=unet`);
  const state = () =>
    page.evaluate(
      () =>
        window.segexplain.state().params as {
          region: { kind: string } | null;
          settings: { xres: { window: number; pool: string } };
        },
    );

  await tabTo(page, (el) => el.getAttribute('aria-label') === 'Image');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  // The cursor's position is announced to screen readers.
  await expect(page.getByTestId('image-cursor')).toContainText(/%/);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state()).region?.kind).toBe('point');
  await explorer.waitDone(['gradcam', 'xres']);

  await page.keyboard.press('r'); // the box tool
  await page.keyboard.press('Enter');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state()).region?.kind).toMatch(/box/);

  const window0 = (await state()).settings.xres.window;
  await tabTo(page, (el) => el.getAttribute('aria-label') === 'Window size');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await state()).settings.xres.window).not.toBe(window0);

  const pool0 = (await state()).settings.xres.pool;
  await tabTo(page, (el) => el.getAttribute('aria-label') === 'Pooling');
  await page.keyboard.press(pool0 === 'max' ? 'ArrowDown' : 'ArrowUp');
  await expect.poll(async () => (await state()).settings.xres.pool).not.toBe(pool0);

  await tabTo(page, (el) => el.textContent?.trim() === 'Copy link', true); // back up to the header
  await page.keyboard.press('Enter');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('pool=');
  expect(copied).toContain('model=unet');
});

import { expect, test } from './fixtures';

const UNET = '?model=unet&backend=wasm';
const HINT = 'Click or draw on the image to explain a region.';

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`help at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the ⓘ of Seg-XRes-CAM shows its equation, paper and settings; Esc closes it and gives focus back', async ({
      explorer,
      page,
    }) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await explorer.open(UNET);
      await explorer.clickAt(0.5, 0.5);
      await expect.poll(() => explorer.region()).not.toBeNull();
      const info = explorer.panel('Seg-XRes-CAM').getByRole('button', { name: 'About Seg-XRes-CAM' });
      await expect(info).toHaveAttribute('aria-haspopup', 'dialog');
      await info.click();
      const dialog = page.getByRole('dialog', { name: 'About Seg-XRes-CAM' });
      await expect(dialog).toBeVisible();
      await expect(dialog.locator('math').first()).toBeVisible(); // typeset by KaTeX, loaded on demand
      await expect(dialog.locator('math annotation').first()).toContainText('\\operatorname{Pool}_{p\\times q}');
      const paper = dialog.getByRole('link', {
        name: 'Seg-XRes-CAM: Explaining Spatially Local Regions in Image Segmentation',
      });
      await expect(paper).toHaveAttribute('href', 'https://arxiv.org/abs/2303.12614');
      await expect(dialog.getByText('Hasany, Petitjean, Mériaudeau (2023).')).toBeVisible();
      await expect(dialog.getByText('Window size', { exact: true })).toBeVisible();
      await expect(dialog.getByText(/zero-pads them, which dilutes a mean/)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(info).toBeFocused();
      // Esc closed the dialog only: the explained region is still there.
      expect(await explorer.region()).not.toBeNull();
      expect(violations).toEqual([]); // the MathML carries no inline style for the CSP to block
    });

    test('"How to read this" opens a drawer on sufficiency, pooling, windows and the edge modes', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      const opener = page.getByRole('button', { name: 'How to read this' });
      await opener.click();
      const drawer = page.getByRole('dialog', { name: 'How to read this' });
      await expect(drawer).toBeVisible();
      for (const heading of [
        'Sufficiency: is the map enough?',
        'Window size and pooling (Seg-XRes-CAM)',
        'Edges: ours and the paper’s code',
        'RISE',
        'Baseline',
      ]) {
        await expect(drawer.getByRole('heading', { name: heading })).toBeVisible();
      }
      await expect(drawer.getByText(/a max of negative gradients becomes 0/)).toBeVisible();
      await expect(drawer.locator('math').first()).toBeVisible();
      await drawer.getByRole('button', { name: 'Close' }).click();
      await expect(drawer).toBeHidden();
      await expect(opener).toBeFocused();
    });

    test('? opens the keyboard-shortcut sheet, Esc closes it', async ({ explorer, page }) => {
      await explorer.open(UNET);
      await page.locator('body').focus();
      await page.keyboard.press('?');
      const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(sheet).toBeVisible();
      for (const what of ['Lasso tool', 'Brush tool', 'Undo', 'Redo', 'Paste an image from the clipboard']) {
        await expect(sheet.getByText(what, { exact: true })).toBeVisible();
      }
      // The tool keys are the toolbar's own.
      await expect(
        sheet.getByRole('region', { name: 'Region tools' }).locator('kbd', { hasText: /^L$/ }),
      ).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(sheet).toBeHidden();
    });

    test('the first-visit hint sits above the image, dismisses for good, and is absent on a link with a region', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      const hint = page.getByRole('note').filter({ hasText: HINT });
      await expect(hint).toBeVisible();
      const [h, img] = [await hint.boundingBox(), await explorer.image.boundingBox()];
      expect(h && img && h.y + h.height <= img.y).toBe(true); // in the flow above the image, not over it
      await hint.getByRole('button', { name: 'Dismiss the hint' }).click();
      await expect(hint).toBeHidden();
      expect(await page.evaluate(() => localStorage.getItem('segexplain.hintDismissed'))).toBe('1');
      await explorer.open(UNET);
      await expect(page.getByText(HINT)).toHaveCount(0);
    });

    test('the hint goes for good once a first region is explained', async ({ explorer, page }) => {
      await explorer.open(UNET);
      await expect(page.getByText(HINT)).toBeVisible();
      await explorer.clickAt(0.5, 0.5);
      await expect(page.getByText(HINT)).toHaveCount(0);
      await explorer.open(UNET);
      await expect(page.getByText(HINT)).toHaveCount(0);
    });

    test('a first visit on a shared link that carries a region shows no hint', async ({ explorer, page }) => {
      await explorer.open(`${UNET}&region=point%3A0.5000%2C0.5000`);
      expect(await explorer.region()).not.toBeNull();
      await expect(page.getByText(HINT)).toHaveCount(0);
    });
  });
}

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Chromium's fake camera (a moving test pattern) and an automatic "Allow": the webcam path runs headless.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

const UNET = '?model=unet&backend=wasm&n=8&s=6';

type Carried = { name: string; type: string; width?: number; height?: number; text?: string };

/** Dispatches a synthetic paste (on the body) or drop carrying one file made in the page: a PNG canvas or text. */
async function carry(page: Page, how: 'paste' | 'drop' | 'dragenter', file: Carried): Promise<void> {
  await page.evaluate(
    async ({ how, file }) => {
      let blob: Blob;
      if (file.text !== undefined) blob = new Blob([file.text], { type: file.type });
      else {
        const canvas = new OffscreenCanvas(file.width ?? 120, file.height ?? 90);
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const g = ctx.createLinearGradient(0, 0, canvas.width, canvas.height);
        g.addColorStop(0, '#203040');
        g.addColorStop(1, '#e0c0a0');
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        blob = await canvas.convertToBlob({ type: 'image/png' });
      }
      const dt = new DataTransfer();
      dt.items.add(new File([blob], file.name, { type: file.type }));
      const init = { bubbles: true, cancelable: true };
      document.body.dispatchEvent(
        how === 'paste'
          ? new ClipboardEvent('paste', { ...init, clipboardData: dt })
          : new DragEvent(how, { ...init, dataTransfer: dt }),
      );
    },
    { how, file },
  );
}

const imageState = (page: Page) =>
  page.evaluate(() => {
    const s = window.segexplain.state() as unknown as {
      params: { image: string | null; region: unknown };
      image: { id: string; name: string; originalSize: number[] };
    };
    return {
      param: s.params.image,
      id: s.image.id,
      name: s.image.name,
      original: s.image.originalSize,
      region: s.params.region,
    };
  });

/** Records every camera stream the page gets, to check afterwards that each track was stopped. */
async function recordStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    const streams: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
    md.getUserMedia = (c) => original(c).then((s) => (streams.push(s), s));
  });
}
const trackStates = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((s) =>
      s.getTracks().map((t) => t.readyState),
    ),
  );

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('paste an image anywhere: it opens, and the credits say it is your own', async ({ explorer, page }) => {
      await explorer.open(UNET);
      await carry(page, 'paste', { name: 'pasted.png', type: 'image/png' });
      await expect(page.getByRole('status').filter({ hasText: 'Opened pasted.png' })).toBeVisible();
      await expect(page.getByLabel('Sample').locator('option:checked')).toHaveText('Your image: pasted.png');
      expect(await imageState(page)).toMatchObject({ param: null, id: 'upload', original: [120, 90] });
      await expect(page.getByRole('contentinfo')).toContainText('Image: your own image');
      // The image is explained like any other.
      await explorer.clickAt(0.5, 0.5);
      await explorer.waitDone(['gradcam']);
    });

    test('drop an image anywhere: a full-window drop zone shows while dragging, and the image opens', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      await carry(page, 'dragenter', { name: 'dropped.png', type: 'image/png' });
      await expect(page.locator('.drop-zone')).toBeVisible();
      await expect(page.locator('.drop-zone')).toHaveText('Drop the image to open it');
      await carry(page, 'drop', { name: 'dropped.png', type: 'image/png', width: 200, height: 100 });
      await expect(page.locator('.drop-zone')).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: 'Opened dropped.png' })).toBeVisible();
      expect(await imageState(page)).toMatchObject({ id: 'upload', name: 'dropped.png', original: [200, 100] });
    });

    test('image after image: one notice, replaced, floating over the page; the image does not move', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      const notices = page.locator('.notices li');
      await carry(page, 'paste', { name: 'one.png', type: 'image/png' });
      await expect(page.getByRole('status').filter({ hasText: 'Opened one.png' })).toBeVisible();
      await notices.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notices).toHaveCount(0);
      const before = await explorer.image.boundingBox();
      expect(before).not.toBeNull();
      for (const name of ['two.png', 'three.png']) {
        await carry(page, 'paste', { name, type: 'image/png' });
        await expect(page.getByRole('status').filter({ hasText: `Opened ${name}` })).toBeVisible();
        expect((await imageState(page)).name).toBe(name);
        // The same size of image, so only a notice in the layout flow could move it.
        expect(await explorer.image.boundingBox()).toEqual(before);
      }
      await expect(notices).toHaveCount(1);
      await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toHaveText(/Opened three\.png/);
    });

    test('a pasted or dropped non-image gives a clear error and the image and region stay', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      await explorer.clickAt(0.5, 0.5);
      await explorer.waitDone(['gradcam']);
      const before = await imageState(page);
      expect(before.region).not.toBeNull();
      await carry(page, 'paste', { name: 'notes.txt', type: 'text/plain', text: 'not an image' });
      await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText(
        'could not be decoded as an image',
      );
      await carry(page, 'drop', { name: 'broken.png', type: 'image/png', text: 'this is not a png' });
      await expect(page.getByRole('alert').filter({ hasText: 'broken.png' })).toContainText(
        'could not be decoded as an image',
      );
      expect(await imageState(page)).toEqual(before);
      await expect(page.getByLabel('Sample')).toHaveValue('fashion-1');
    });

    test('a large image is resized, with a notice of both sizes and what the model sees', async ({
      explorer,
      page,
    }) => {
      await explorer.open(UNET);
      await carry(page, 'paste', { name: 'large.png', type: 'image/png', width: 4000, height: 3000 });
      await expect(page.getByRole('status').filter({ hasText: 'Resized' })).toContainText(
        'Resized from 4000×3000 to 2048×1536 for display; the model sees it at 96×96, its input size.',
      );
      expect((await imageState(page)).original).toEqual([4000, 3000]);
    });

    test('the credits follow the model and the sample on screen', async ({ explorer, page }) => {
      await explorer.open(UNET);
      const credits = page.getByRole('contentinfo');
      await expect(credits).toContainText('Model: UNet trained here');
      await expect(credits).toContainText('Image: Fashion-MNIST test items');
      for (const wrong of ['NASA', 'MediaPipe']) await expect(credits).not.toContainText(wrong);
      await page.getByLabel('Model', { exact: true }).selectOption('selfie');
      await expect(page.getByLabel('Sample')).toHaveValue('astronaut');
      await expect(credits).toContainText('Model: MediaPipe selfie segmentation by Google');
      await expect(credits).toContainText('licence Apache-2.0');
      await expect(credits).toContainText('Image: Eileen Collins by NASA, public domain');
      await page.getByLabel('Sample').selectOption('fashion-2');
      await expect(credits).toContainText('Image: Fashion-MNIST test items');
      await expect(credits).toContainText('Model: MediaPipe selfie segmentation');
    });

    test('the backend badge says what WebAssembly means, with a tooltip', async ({ explorer, page }) => {
      await explorer.open(UNET);
      const badge = page.getByLabel('Active backend');
      await expect(badge).toHaveText(/^WebAssembly \(CPU, (\d+ workers × )?\d+ threads?\)$/);
      await expect(badge).toHaveAttribute('data-backend', 'wasm');
      await expect(badge).toHaveAttribute('title', /runs on the CPU with WebAssembly/);
    });

    test('camera on the selfie model: the snapshot opens as the image and the camera is stopped', async ({
      explorer,
      page,
    }) => {
      await recordStreams(page);
      await explorer.open('?backend=wasm&n=8&s=6');
      await page.getByRole('button', { name: 'Camera' }).click();
      const dialog = page.getByRole('dialog', { name: 'Camera' });
      await expect(dialog.getByLabel('Camera preview')).toBeVisible();
      await expect(dialog).not.toContainText('suit the selfie model');
      const video = await dialog.getByLabel('Camera preview').elementHandle();
      await dialog.getByRole('button', { name: 'Take snapshot' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: 'Opened camera snapshot' })).toBeVisible();
      const state = await imageState(page);
      expect(state).toMatchObject({ id: 'upload', name: 'camera snapshot' });
      expect(state.original[0]).toBeGreaterThan(8);
      const videoTracks = await video?.evaluate((v: HTMLVideoElement) =>
        (v.srcObject as MediaStream).getTracks().map((t) => t.readyState),
      );
      expect(videoTracks).toEqual(['ended']);
      const all = await trackStates(page);
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((s) => s === 'ended')).toBe(true);
    });

    test('camera on another model: says the selfie model suits it, switches in one click, and closing stops the camera', async ({
      explorer,
      page,
    }) => {
      await recordStreams(page);
      await explorer.open(UNET);
      await page.getByRole('button', { name: 'Camera' }).click();
      const dialog = page.getByRole('dialog', { name: 'Camera' });
      await expect(dialog).toContainText('Camera pictures of people suit the selfie model');
      await expect(dialog.getByRole('button', { name: 'Take snapshot' })).toBeEnabled();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      const states = await trackStates(page);
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((s) => s === 'ended')).toBe(true);
      await page.getByRole('button', { name: 'Camera' }).click();
      await dialog.getByRole('button', { name: 'Switch to the selfie model' }).click();
      await expect(page.getByLabel('Model', { exact: true })).toHaveValue('selfie');
      await expect(page.getByRole('contentinfo')).toContainText('MediaPipe selfie segmentation');
    });

    for (const [name, expected] of [
      ['NotFoundError', 'No camera was found'],
      ['NotAllowedError', 'Camera permission was refused'],
      ['NotReadableError', 'The camera is busy'],
    ]) {
      test(`camera refused (${name}): a clear message and no dialog left open`, async ({ explorer, page }) => {
        await page.addInitScript((errorName) => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('', errorName));
        }, name);
        await explorer.open(UNET);
        await page.getByRole('button', { name: 'Camera' }).click();
        await expect(page.getByRole('alert').filter({ hasText: expected })).toBeVisible();
        await expect(page.getByRole('dialog', { name: 'Camera' })).toHaveCount(0);
        expect((await imageState(page)).param).toBe('fashion-1');
      });
    }

    test('camera on a page that is not secure: says so, and asks for no camera', async ({ explorer, page }) => {
      await recordStreams(page);
      await page.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { value: false }));
      await explorer.open(UNET);
      await page.getByRole('button', { name: 'Camera' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'The camera works only on a secure page' })).toBeVisible();
      await expect(page.getByRole('dialog', { name: 'Camera' })).toHaveCount(0);
      expect(await trackStates(page)).toEqual([]);
    });
  });
}

test('on a software WebGL (SwiftShader here) the badge says it is slow', async ({ explorer, page }) => {
  await explorer.open('?model=unet&backend=webgl');
  const badge = page.getByLabel('Active backend');
  await expect(badge).toHaveAttribute('data-backend', 'webgl');
  await expect(badge).toHaveText('WebGL (software rendering: slow)');
  await expect(badge).toHaveAttribute('title', /software renderer \(.*SwiftShader/);
});

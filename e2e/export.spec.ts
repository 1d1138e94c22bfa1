import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { panelPngLayout, turboCss } from '../src/render/panelPng';
import { PNG_LINE_LABELS } from '../src/ui/export/view';
import { expect, PAPER_METHODS, test, settledUrl } from './fixtures';

/** An .npy file read by hand, as NumPy's format document describes it (independent of the app's writer). */
function readNpy(bytes: Uint8Array): { descr: string; shape: number[]; dataOffset: number; header: string } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY v1.0
  const length = bytes[8]! + 256 * bytes[9]!;
  const header = Buffer.from(bytes.subarray(10, 10 + length)).toString('latin1');
  const m = /^\{'descr': '([^']+)', 'fortran_order': False, 'shape': \((\d+), (\d+)\), \} *\n$/.exec(header);
  if (!m) throw new Error(`unexpected header ${JSON.stringify(header)}`);
  return { descr: m[1]!, shape: [Number(m[2]), Number(m[3])], dataOffset: 10 + length, header };
}

const download = async (page: import('@playwright/test').Page, click: () => Promise<void>) => {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
};

test("the report zip holds the maps as .npy equal to the app's, the region mask, params, metrics and PNGs; a panel PNG has its size", async ({
  explorer,
  page,
}) => {
  await explorer.open('?backend=wasm&n=8&rw=dice'); // 8 masks: the centred form may rightly be all zero (n/a)
  const report = page.getByRole('button', { name: 'Download report' });
  const xresPng = page.getByRole('button', { name: 'Download PNG of Seg-XRes-CAM' });
  // Nothing to export before a click, and the buttons say why.
  await expect(report).toBeDisabled();
  await expect(report).toHaveAttribute('title', /click the image/);
  await expect(xresPng).toBeDisabled();
  await expect(xresPng).toHaveAttribute('title', /No map yet/);

  await explorer.clickAt(0.45, 0.3);
  await explorer.waitDone();
  await explorer.waitSufficiency();
  await expect(report).toBeEnabled();
  await expect(xresPng).toBeEnabled();

  const zip = await download(page, () => report.click());
  expect(zip.name).toMatch(/^segexplain-selfie-astronaut-\d{8}-\d{6}\.zip$/);
  const files = unzipSync(zip.bytes);
  expect(Object.keys(files).sort()).toEqual([
    'README.txt',
    ...PAPER_METHODS.map((m) => `maps/${m}.npy`).sort(),
    'metrics.csv',
    'metrics.json',
    ...PAPER_METHODS.map((m) => `panels/${m}.png`).sort(),
    'params.json',
    'region_mask.npy',
  ]);

  // The Seg-XRes-CAM map: float32 little-endian [256, 256], data aligned to 64 bytes, equal to the app's map.
  const npy = files['maps/xres.npy']!;
  const { descr, shape, dataOffset } = readNpy(npy);
  expect(descr).toBe('<f4');
  expect(shape).toEqual([256, 256]);
  expect(dataOffset % 64).toBe(0);
  expect(npy.length).toBe(dataOffset + 4 * 256 * 256);
  const view = new DataView(npy.buffer, npy.byteOffset + dataOffset);
  const fromFile = Array.from({ length: 256 * 256 }, (_, i) => view.getFloat32(4 * i, true));
  const inApp = await explorer.mapData('xres');
  expect(inApp.length).toBe(fromFile.length);
  const worst = fromFile.reduce((w, v, i) => Math.max(w, Math.abs(v - inApp[i]!)), 0);
  expect(worst).toBeLessThanOrEqual(1 / 255);

  // The region mask: uint8 on the output grid, its ones are the explained pixels.
  const target = await page.evaluate(() => {
    const t = (window.segexplain.state() as unknown as { target: { regionPixels: number; maskSize: [number, number] } })
      .target;
    return { regionPixels: t.regionPixels, maskSize: t.maskSize };
  });
  const mask = files['region_mask.npy']!;
  const m = readNpy(mask);
  expect(m.descr).toBe('|u1');
  expect(m.shape).toEqual(target.maskSize);
  const ones = mask.subarray(m.dataOffset).reduce((a, v) => a + (v === 1 ? 1 : 0), 0);
  expect(ones).toBe(target.regionPixels);
  expect(mask.subarray(m.dataOffset).every((v) => v === 0 || v === 1)).toBe(true);

  // params.json holds the view and the same link as the address bar.
  const params = JSON.parse(strFromU8(files['params.json']!));
  expect(params.shareLink.url).toBe(await settledUrl(page));
  expect(params.shareLink.reproducesView).toBe(true);
  expect(params.params.region).toMatchObject({ kind: 'point' });
  expect(params.resolved.model.id).toBe('selfie');

  // metrics.json and .csv: each method's status and its sufficiency, as the panels show them.
  const metrics = JSON.parse(strFromU8(files['metrics.json']!));
  const results = await page.evaluate(() => window.segexplain.state().results);
  for (const id of PAPER_METHODS) {
    expect(metrics.methods[id].status).toBe('done');
    expect(metrics.methods[id].metrics.sufficiency).toMatchObject({
      threshold: 0.2,
      dice: results[id].sufficiency!.dice,
      retained: results[id].sufficiency!.retained,
    });
  }
  const csv = strFromU8(files['metrics.csv']!).split('\r\n');
  expect(csv[0]).toBe('method,title,status,metric,value');
  expect(csv).toContain(`xres,Seg-XRes-CAM,done,sufficiency.dice,${results.xres.sufficiency!.dice}`);

  // The panel's own PNG: the size the layout intends for this image, the colour bar burned in.
  const png = await download(page, () => xresPng.click());
  expect(png.name).toMatch(/^segexplain-selfie-astronaut-xres-\d{8}-\d{6}\.png$/);
  const ihdr = Buffer.from(png.bytes);
  expect(ihdr.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const size = { width: ihdr.readUInt32BE(16), height: ihdr.readUInt32BE(20) };
  const image = await page.evaluate(() => {
    const b = (window.segexplain.state() as unknown as { image: { bitmap: ImageBitmap } }).image.bitmap;
    return [b.width, b.height] as [number, number];
  });
  const layout = panelPngLayout(image, PNG_LINE_LABELS.length);
  expect(size).toEqual({ width: layout.width, height: layout.height });
  expect(size.width).toBeGreaterThanOrEqual(768);
  const decoded = PNG.sync.read(Buffer.from(png.bytes));
  const rgbAt = (x: number, y: number) =>
    Array.from(decoded.data.subarray((y * decoded.width + x) * 4, (y * decoded.width + x) * 4 + 3));
  const rgb = (css: string) => css.match(/\d+/g)!.map(Number);
  const barY = layout.bar.y + Math.floor(layout.bar.h / 2);
  for (const t of [0.1, 0.5, 0.9]) {
    const got = rgbAt(Math.round(layout.bar.x + t * layout.bar.w), barY);
    const want = rgb(turboCss(t));
    expect(Math.max(...got.map((v, i) => Math.abs(v - want[i]!))), `colour bar at ${t}`).toBeLessThanOrEqual(24);
  }
  // The zip's PNG of the same panel has the same size.
  const zipped = Buffer.from(files['panels/xres.png']!);
  expect({ width: zipped.readUInt32BE(16), height: zipped.readUInt32BE(20) }).toEqual(size);
});

import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FakeEngine, flush } from '../../scripts/testing/fakeEngine';
import { createAppStore, type AppStore } from '../state/store';
import type { DecodedImage } from './imageLoading';
import { Controller } from './index';

const decoded = (id: string): DecodedImage => ({
  image: { id, name: id, bitmap: {} as ImageBitmap, originalSize: [2, 2] },
  pixels: { width: 2, height: 2, data: new Uint8ClampedArray(16) },
});

let engine: FakeEngine;
let store: AppStore;
let controller: Controller;

beforeEach(() => {
  engine = new FakeEngine();
  store = createAppStore();
  controller = new Controller(engine, store, {
    fetchImage: async (_path, id) => decoded(id),
  });
});

const notices = () =>
  store
    .getState()
    .notices.map((n) => n.text)
    .join(' | ');

describe('Session', () => {
  it("boots from a link without reloading for it, and opens the model's own sample", async () => {
    await controller.boot('?backend=wasm&model=unet');
    expect(store.getState().params.image).toBe('fashion-1');
    expect(store.getState().image?.id).toBe('fashion-1');
  });

  it("adapts a window that does not fit the model's layer, with a notice", async () => {
    await controller.boot('?backend=wasm&model=unet&win=14&pool=mean');
    expect(store.getState().params.settings.xres).toEqual({ pool: 'mean', window: 2, edges: 'valid' });
    expect(notices()).toMatch(/a 14×14 window does not fit the 12×12 grid of layer deep.*set to 2×2/);
  });

  it('adapts the window again when the user picks a smaller layer', async () => {
    await controller.boot('?backend=wasm&win=8');
    expect(store.getState().params.settings.xres.window).toBe(8);
    store.getState().setParams({ layer: FAKE_MODEL.bottleneck });
    expect(store.getState().params.settings.xres.window).toBe(2);
    expect(notices()).toMatch(/8×8 window does not fit the 6×6 grid of layer bottleneck/);
  });

  it(
    'a backend named in the link is used as asked; otherwise a software ' + 'WebGL is passed over, with a way back',
    async () => {
      await controller.boot('?backend=webgl');
      expect(engine.inits).toEqual([{ backend: 'webgl', auto: false }]);
      const other = new FakeEngine();
      other.softwareRenderer = 'SwiftShader';
      const s2 = createAppStore();
      await new Controller(other, s2, {
        fetchImage: async (_p, id) => decoded(id),
      }).boot('');
      expect(other.inits).toEqual([{ backend: 'webgl', auto: true }]);
      expect(s2.getState().params.backend).toBeNull(); // still automatic: the link does not force wasm on others
      expect(s2.getState().engine.backend).toBe('wasm');
      const notice = s2.getState().notices.find((n) => n.action);
      expect(notice?.action?.label).toBe('Use WebGL anyway');
      notice?.action?.run();
      await flush();
      // in place: a fresh worker on WebGL, asked for explicitly
      expect(other.inits.at(-1)).toEqual({ backend: 'webgl', auto: false });
      expect(s2.getState().params.backend).toBe('webgl');
      expect(s2.getState().engine.backend).toBe('webgl');
    },
  );

  it(
    "a backend switch is made in place (no reload): a fresh worker on the new backend, the user's own image and " +
      'the region kept and explained again',
    async () => {
      await controller.boot('?backend=wasm&region=point:0.5,0.5');
      await controller.openImage(decoded('upload'));
      await flush();
      const sent: unknown[] = [];
      const setImage = engine.setImage.bind(engine);
      engine.setImage = async (pixels) => (sent.push(pixels), setImage(pixels));
      expect(engine.calls('explainGradients')).not.toHaveLength(0);
      store.getState().setParams({ backend: 'cpu' });
      await flush();
      expect(engine.restarts).toBe(1); // one fresh worker: replacing it on purpose is not a crash to recover from
      expect(engine.inits.at(-1)).toEqual({ backend: 'cpu', auto: false });
      expect(store.getState().engine.backend).toBe('cpu');
      expect(sent).toHaveLength(1); // the same image, sent to the new worker
      expect(store.getState().image?.id).toBe('upload');
      expect(store.getState().params).toMatchObject({ image: null, backend: 'cpu' });
      expect(store.getState().params.region).toEqual({ kind: 'point', x: 0.5, y: 0.5 });
      expect(engine.calls('explainGradients')).toHaveLength(1); // asked again on the new worker (the old call died)
      expect(notices()).not.toMatch(/crashed/);
      // Automatic again: the worker restarts on WebGL, allowed to pass over a software one.
      store.getState().setParams({ backend: null });
      await flush();
      expect(engine.inits.at(-1)).toEqual({ backend: 'webgl', auto: true });
      expect(engine.restarts).toBe(2);
    },
  );

  it(
    "a model switch is made in place (no reload): the user's own image " + 'stays and the new model segments it',
    async () => {
      await controller.boot('?backend=wasm');
      await controller.openImage(decoded('upload'));
      let loads = 0;
      const deeplab = { ...FAKE_MODEL, id: 'deeplab', title: 'DeepLab' };
      engine.loadModel = async () => (loads++, deeplab);
      const setImage = engine.setImage.bind(engine);
      const sent: unknown[] = [];
      engine.setImage = async (pixels) => (sent.push(pixels), setImage(pixels));
      store.getState().setParams({ model: 'deeplab', region: null, classIndex: null, layer: null });
      await flush();
      expect(loads).toBe(1);
      expect(store.getState().model?.id).toBe('deeplab');
      expect(sent).toHaveLength(1); // the same image, sent again for the new model
      expect(store.getState().image?.id).toBe('upload');
      expect(store.getState().params.image).toBeNull();
      expect(store.getState().prediction).not.toBeNull();
    },
  );

  it(
    "a sample gives way to the new model's sample; a model that fails to " + 'load leaves the old one and the link',
    async () => {
      await controller.boot('?backend=wasm');
      store.getState().setParams({ model: 'unet', image: 'fashion-1' });
      await flush();
      expect(store.getState().image?.id).toBe('fashion-1');
      engine.loadModel = async () => {
        throw new Error('no such model');
      };
      store.getState().setParams({ model: 'deeplab', image: 'fashion-2' });
      await flush();
      expect(notices()).toMatch(/no such model/);
      expect(store.getState().params.model).toBe('unet');
      expect(store.getState().params.image).toBe('fashion-1');
      expect(store.getState().image?.id).toBe('fashion-1');
    },
  );

  it('your own image: the Sample becomes yours and the link stops naming a sample', async () => {
    await controller.boot('?backend=wasm');
    store.getState().setParams({ region: { kind: 'point', x: 0.5, y: 0.5 } });
    await controller.openImage(decoded('upload'));
    await flush();
    expect(store.getState().params.image).toBeNull();
    expect(store.getState().image?.id).toBe('upload');
    // The region on screen is explained again on the new image.
    expect(engine.calls('explainGradients').length).toBeGreaterThan(0);
  });
});

describe('Session recovery', () => {
  it('a lost worker is restarted with the same backend, model and image, and the view is recomputed', async () => {
    await controller.boot('?backend=webgl&model=unet&region=point:0.5,0.5');
    await flush();
    const before = store.getState().params;
    expect(engine.calls('explainGradients')).toHaveLength(1);
    engine.lose('crashed', 'boom');
    await flush();
    expect(engine.restarts).toBe(1);
    expect(engine.inits.at(-1)).toEqual({ backend: 'webgl', auto: false });
    expect(store.getState().params).toBe(before); // the view (and so the link) is untouched
    expect(engine.calls('explainGradients')).toHaveLength(1); // asked again on the new worker
    expect(notices()).toMatch(/The engine crashed \(boom\)\. Restarted it on webgl/);
    // A lost call is not an error on screen.
    expect(Object.values(store.getState().results).some((r) => r.status === 'error')).toBe(false);
  });

  it('a second GPU loss falls back to wasm, and a worker that keeps dying is left stopped', async () => {
    await controller.boot('?backend=webgl&model=unet&region=point:0.5,0.5');
    await flush();
    engine.lose('gpu-lost');
    await flush();
    expect(engine.inits.at(-1)?.backend).toBe('webgl');
    engine.lose('gpu-lost');
    await flush();
    expect(engine.inits.at(-1)?.backend).toBe('wasm');
    expect(store.getState().engine.backend).toBe('wasm');
    engine.lose('crashed');
    await flush();
    engine.lose('crashed');
    await flush();
    expect(engine.restarts).toBe(3);
    expect(store.getState().engine.status).toBe('error');
    expect(notices()).toMatch(/stays stopped/);
  });
});

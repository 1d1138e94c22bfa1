import { describe, expect, it } from 'vitest';
import { BUNDLED_MODELS, creditsFor, SAMPLES } from './models';

describe('credits for what is on screen', () => {
  it('credits the selfie model to Google under Apache-2.0 and the trained models to this project', () => {
    expect(creditsFor('selfie', null).model).toMatchObject({ licence: 'Apache-2.0' });
    expect(creditsFor('selfie', null).model.source).toMatch(/MediaPipe selfie segmentation by Google/);
    expect(creditsFor('unet', null).model.source).toMatch(/^UNet trained here .*Fashion-MNIST/);
    expect(creditsFor('deeplab', null).model.source).toMatch(/^DeepLabV3 trained here .*Fashion-MNIST/);
  });
  it("says a model from a URL or files is the user's own", () => {
    expect(creditsFor('url', null).model.source).toBe('your own model');
    expect(creditsFor('files', null).model.source).toBe('your own model');
  });
  it('credits NASA for the astronaut only, and Fashion-MNIST (never NASA) for the scenes', () => {
    expect(creditsFor('selfie', 'astronaut').image).toMatch(/NASA, public domain/);
    for (const s of SAMPLES.filter((x) => x.id.startsWith('fashion-'))) {
      const image = creditsFor('unet', s.id).image ?? '';
      expect(image).toMatch(/Fashion-MNIST .*Zalando Research, MIT/);
      expect(image).not.toMatch(/NASA/);
    }
  });
  it("says an opened, pasted or camera image is the user's own, and nothing before an image is shown", () => {
    expect(creditsFor('selfie', 'upload').image).toMatch(/^your own image/);
    expect(creditsFor('selfie', null).image).toBeNull();
  });
  it('every model and every sample has a credit, and every model opens on a sample that exists', () => {
    for (const m of BUNDLED_MODELS) {
      expect(m.credit.source.length).toBeGreaterThan(10);
      expect(SAMPLES.some((s) => s.id === m.defaultImage)).toBe(true);
    }
    for (const s of SAMPLES) expect(s.credit.length).toBeGreaterThan(10);
  });
});

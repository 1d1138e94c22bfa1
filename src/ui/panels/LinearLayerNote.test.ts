import { describe, expect, it } from 'vitest';
import type { LayerInfo } from '../../core/modelInfo';
import { linearNoteText } from './LinearLayerNote';

const bottleneck: LayerInfo = {
  name: 'bottleneck',
  shape: [12, 12, 48],
  affineToOutput: true,
  linearTail: { ops: ['1×1 convolution', 'bilinear upsampling'], pointwise: true },
};
const region = { border: false, contrast: null };

describe('the linear-layer note', () => {
  it('says nothing for a layer with a nonlinear op after it, or one not yet known', () => {
    expect(linearNoteText({ name: 'a', shape: [6, 6, 8], affineToOutput: false }, region)).toBeNull();
    expect(linearNoteText({ name: 'a', shape: [6, 6, 8] }, region)).toBeNull();
  });

  it('after a pointwise tail: names the ops and says Seg-Grad-CAM is the logit map whatever the region', () => {
    const [first, second] = linearNoteText(bottleneck, region) ?? [];
    expect(first).toBe(
      'Only linear operations follow bottleneck (1×1 convolution, bilinear upsampling): ' +
        "Seg-Grad-CAM is the class's logit map less its bias, whatever the region (r = 1), not a finding.",
    );
    expect(second).toMatch(/HiResCAM/);
    expect(linearNoteText(bottleneck, { border: false, contrast: 'Sneaker' })?.[0]).toMatch(
      /logit map of the class minus Sneaker/,
    );
  });

  it('claims no r = 1 for a border target, nor after a tail that is affine but not pointwise', () => {
    const transposed: LayerInfo = { ...bottleneck, linearTail: { ops: ['transposed convolution'], pointwise: false } };
    const cases: [LayerInfo, { border: boolean; contrast: null }][] = [
      [bottleneck, { border: true, contrast: null }],
      [transposed, region],
    ];
    for (const [layer, explained] of cases) {
      const text = linearNoteText(layer, explained)?.join(' ') ?? '';
      expect(text).toMatch(/exact contribution/);
      expect(text).not.toMatch(/r = 1/);
    }
  });
});

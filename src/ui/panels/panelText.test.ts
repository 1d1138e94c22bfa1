import { describe, expect, it } from 'vitest';
import { methodMeta } from '../../methods/registry';
import { emptyMapText, smoothGradText } from './panelText';

describe('the all-zero map message', () => {
  it('names the layer for the CAMs', () => {
    expect(emptyMapText(methodMeta('gradcam').needs)).toMatch(/at this layer/);
    expect(emptyMapText(methodMeta('scorecam').needs)).toMatch(/at this layer/);
  });
  it('does not mention a layer for RISE, which has none', () => {
    expect(emptyMapText(methodMeta('rise').needs)).toBe('No positive evidence: the map is zero everywhere.');
  });
});

describe('the SmoothGrad note', () => {
  it('shows n on the gradient methods only, and nothing when off', () => {
    expect(smoothGradText(methodMeta('gradcam').needs, 4)).toBe('SmoothGrad n = 4');
    expect(smoothGradText(methodMeta('gradcam').needs, 1)).toBeNull();
    expect(smoothGradText(methodMeta('rise').needs, 4)).toBeNull();
    expect(smoothGradText(methodMeta('scorecam').needs, 4)).toBeNull();
  });
});

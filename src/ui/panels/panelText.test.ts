import { describe, expect, it } from 'vitest';
import { methodMeta } from '../../methods/registry';
import { emptyMapText } from './panelText';

describe('the all-zero map message', () => {
  it('names the layer for the CAMs', () => {
    expect(emptyMapText(methodMeta('gradcam').needs)).toMatch(/at this layer/);
    expect(emptyMapText(methodMeta('scorecam').needs)).toMatch(/at this layer/);
  });
  it('does not mention a layer for RISE, which has none', () => {
    expect(emptyMapText(methodMeta('rise').needs)).toBe('No positive evidence: the map is zero everywhere.');
  });
});

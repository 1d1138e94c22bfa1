import { describe, expect, it } from 'vitest';
import { cursorText } from './cursorText';

describe('the keyboard cursor, announced', () => {
  const prediction = { labels: Uint8Array.from([0, 0, 1, 1]), size: [2, 2] as [number, number] };
  it('says where it is in percent and the predicted class under it', () => {
    expect(cursorText({ x: 0.25, y: 0.75 }, prediction, ['background', 'person'])).toBe(
      'Cursor at 25% across, 75% down, on person.',
    );
    expect(cursorText({ x: 0.25, y: 0.25 }, prediction, ['background', 'person'])).toBe(
      'Cursor at 25% across, 25% down, on background.',
    );
  });
  it('at the far edge reads the last pixel, and without a prediction says only where', () => {
    expect(cursorText({ x: 1, y: 1 }, prediction, ['background', 'person'])).toBe(
      'Cursor at 100% across, 100% down, on person.',
    );
    expect(cursorText({ x: 0.5, y: 0.5 }, null, [])).toBe('Cursor at 50% across, 50% down.');
  });
});

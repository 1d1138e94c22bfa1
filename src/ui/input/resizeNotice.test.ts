import { describe, expect, it } from 'vitest';
import { resizeNotice } from './resizeNotice';

describe('resizeNotice', () => {
  it('says nothing when the image kept its size', () => {
    expect(resizeNotice([640, 480], [640, 480], [640, 480], [256, 256])).toBeNull();
  });
  it('names the original size, the displayed size and what the model sees (its input, width × height)', () => {
    expect(resizeNotice([5472, 3648], [2048, 1365], [1024, 683], [96, 128])).toBe(
      'Resized from 5472×3648 to 2048×1365 for display; the model sees it at 128×96, its input size.',
    );
  });
  it('before the model is known, names the copy sent to it', () => {
    expect(resizeNotice([4000, 3000], [2048, 1536], [1024, 768], null)).toBe(
      'Resized from 4000×3000 to 2048×1536 for display; the model gets a 1024×768 copy, resized to its input.',
    );
  });
});

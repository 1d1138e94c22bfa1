import { describe, expect, it } from 'vitest';
import { message } from './message';

describe('user-facing error messages', () => {
  it('turns a lost WebGL context into advice', () => {
    expect(message(new Error('Failed to compile fragment shader: CONTEXT_LOST_WEBGL'))).toMatch(
      /WebGL context was lost.*WebAssembly/,
    );
  });
  it('passes other messages through', () => {
    expect(message(new Error('The region is empty'))).toBe('The region is empty');
    expect(message('plain')).toBe('plain');
  });
});

import { describe, expect, it } from 'vitest';
import { dragCarriesFiles, isTextEntry, pastedName, pickImageFile } from './imageFiles';

const file = (name: string, type: string) => ({ name, type });
const item = (f: { name: string; type: string } | null, kind = 'file') => ({
  kind,
  type: f?.type ?? 'text/plain',
  getAsFile: () => f,
});

describe('pickImageFile', () => {
  it('takes the first image among the files, before other kinds', () => {
    const picked = pickImageFile([
      file('notes.txt', 'text/plain'),
      file('a.png', 'image/png'),
      file('b.jpg', 'image/jpeg'),
    ]);
    expect(picked?.name).toBe('a.png');
  });
  it('falls back to the first file of another kind, so that decoding can say it is not an image', () => {
    expect(pickImageFile([file('notes.txt', 'text/plain')])?.name).toBe('notes.txt');
  });
  it('reads the items when the files list is empty (a pasted screenshot in some browsers)', () => {
    const picked = pickImageFile([], [item(null, 'string'), item(file('image.png', 'image/png'))]);
    expect(picked?.name).toBe('image.png');
  });
  it('returns null for a text paste: nothing to open', () => {
    expect(pickImageFile([], [item(null, 'string')])).toBeNull();
    expect(pickImageFile(null, null)).toBeNull();
  });
});

describe('dragCarriesFiles', () => {
  it('is true only for drags that carry files', () => {
    expect(dragCarriesFiles(['Files'])).toBe(true);
    expect(dragCarriesFiles(['text/plain', 'text/uri-list'])).toBe(false);
    expect(dragCarriesFiles(undefined)).toBe(false);
  });
});

describe('isTextEntry', () => {
  it('leaves pastes into text fields to the field', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'url' })).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });
  it('opens pastes anywhere else, buttons and sliders included', () => {
    expect(isTextEntry({ tagName: 'BODY' })).toBe(false);
    expect(isTextEntry({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('pastedName', () => {
  it("keeps a file's own name but replaces the clipboard's bare image.png", () => {
    expect(pastedName(file('holiday.jpg', 'image/jpeg'))).toBe('holiday.jpg');
    expect(pastedName(file('image.png', 'image/png'))).toBe('pasted image');
    expect(pastedName(file('', 'image/png'))).toBe('pasted image');
  });
});

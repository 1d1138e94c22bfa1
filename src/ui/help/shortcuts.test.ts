import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../regions/registry';
import { chordKeys, SHORTCUT_GROUPS } from './shortcuts';

const all = SHORTCUT_GROUPS.flatMap((g) => g.items);
const listed = (chord: string) => all.some((s) => s.keys.includes(chord));

describe('the shortcut sheet', () => {
  it('lists every tool key of the toolbar, with the tool name', () => {
    for (const t of TOOLS) {
      const item = all.find((s) => s.keys.includes(t.key));
      expect(item?.what, t.id).toContain(t.label);
    }
  });
  it('lists the other shortcuts the app handles', () => {
    for (const chord of ['[', ']', 'Ctrl/Cmd+Z', 'Shift+Ctrl/Cmd+Z', 'Ctrl+Y', 'Esc', 'Enter', 'Ctrl/Cmd+V', '?']) {
      expect(listed(chord), chord).toBe(true);
    }
  });
  it('gives no key two meanings within a group', () => {
    for (const g of SHORTCUT_GROUPS) {
      const keys = g.items.flatMap((s) => s.keys);
      expect(new Set(keys).size, g.title).toBe(keys.length);
    }
  });
  it('splits a chord into its keys', () => {
    expect(chordKeys('Shift+Ctrl/Cmd+Z')).toEqual(['Shift', 'Ctrl/Cmd', 'Z']);
    expect(chordKeys('?')).toEqual(['?']);
    expect(chordKeys('+')).toEqual(['+']);
  });
});

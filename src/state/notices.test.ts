import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

const opened = (name: string) => `Opened ${name}. Your own image stays on this machine: share links cannot carry it.`;

describe('notices: one per topic, replaced, not stacked', () => {
  it('three opened images leave one notice, the last', () => {
    const store = createAppStore();
    for (const name of ['a.png', 'b.png', 'c.png']) store.getState().notify('info', opened(name));
    expect(store.getState().notices.map((n) => n.text)).toEqual([opened('c.png')]);
  });

  it('an error and a note are two topics; a note with its own topic (and button) is not replaced by another', () => {
    const store = createAppStore();
    const run = () => undefined;
    const s = store.getState();
    s.notify('info', 'Running on wasm: no WebGL.', { topic: 'backend', action: { label: 'Use WebGL anyway', run } });
    s.notify('error', 'broken.png could not be decoded as an image.');
    s.notify('info', opened('a.png'));
    s.notify('error', 'notes.txt could not be decoded as an image.');
    const notices = store.getState().notices;
    expect(notices.map((n) => [n.topic, n.text])).toEqual([
      ['backend', 'Running on wasm: no WebGL.'],
      ['error', 'notes.txt could not be decoded as an image.'],
      ['info', opened('a.png')],
    ]);
    expect(notices[0]?.action?.label).toBe('Use WebGL anyway');
    expect(notices[1]?.kind).toBe('error');
  });

  it('a replaced notice keeps its place; a dismissed one is gone until its topic speaks again', () => {
    const store = createAppStore();
    const s = store.getState();
    s.notify('info', 'first');
    s.notify('error', 'oops');
    s.notify('info', 'second');
    expect(store.getState().notices.map((n) => n.text)).toEqual(['second', 'oops']);
    const ids = store.getState().notices.map((n) => n.id);
    expect(new Set(ids).size).toBe(2);
    s.dismiss(ids[0] as number);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['oops']);
    s.notify('info', 'third');
    expect(store.getState().notices.map((n) => n.text)).toEqual(['oops', 'third']);
  });
});

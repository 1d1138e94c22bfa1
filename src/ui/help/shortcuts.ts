import { TOOLS } from '../../regions/registry';

/** One shortcut: its key chords (alternatives; "+" joins the keys of a chord) and what it does. */
export interface Shortcut {
  keys: string[];
  what: string;
}
export interface ShortcutGroup {
  title: string;
  items: Shortcut[];
}

/**
 * Every shortcut of the app, as the handlers implement them (useShortcuts, ImageView, RegionToolbar,
 * useViewGestures); the tools' keys and what Enter does with each come from the tools (regions/<kind>/tool.ts).
 */
export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Region tools',
    // The tool keys come from the toolbar itself, so the sheet cannot drift from it.
    items: [
      ...TOOLS.map((t) => ({ keys: [t.key], what: `${t.label} tool` })),
      { keys: ['['], what: 'Smaller brush' },
      { keys: [']'], what: 'Larger brush' },
      { keys: ['Ctrl/Cmd+Z'], what: 'Undo' },
      { keys: ['Shift+Ctrl/Cmd+Z', 'Ctrl+Y'], what: 'Redo' },
      { keys: ['Esc'], what: 'Clear the region' },
    ],
  },
  {
    title: 'On the image (Tab to it first)',
    items: [
      { keys: ['← → ↑ ↓'], what: 'Move the keyboard cursor' },
      {
        keys: ['Enter', 'Space'],
        what: `Act at the cursor: ${listed(TOOLS.map((t) => t.enter))}`,
      },
    ],
  },
  {
    // As linked/useViewGestures.ts handles them: the zoom is shared by the image and every map.
    title: 'Zoom (on the image or a map)',
    items: [
      { keys: ['+', '='], what: 'Zoom in' },
      { keys: ['-'], what: 'Zoom out' },
      { keys: ['0'], what: 'Reset the zoom' },
      { keys: ['← → ↑ ↓'], what: 'Pan a zoomed map' },
      { keys: ['Ctrl/⌘+wheel', 'pinch'], what: 'Zoom about the pointer' },
      { keys: ['Shift+wheel'], what: 'Pan a zoomed view' },
      { keys: ['Alt+drag', 'middle button'], what: 'Pan' },
    ],
  },
  {
    title: 'Anywhere',
    items: [
      { keys: ['Ctrl/Cmd+V'], what: 'Paste an image from the clipboard' },
      { keys: ['?'], what: 'This list of shortcuts' },
      { keys: ['Esc'], what: 'Close a dialog' },
    ],
  },
];

/** "a, b or c". */
function listed(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The keys of a chord, for one <kbd> each: "Shift+Ctrl/Cmd+Z" → Shift, Ctrl/Cmd, Z. */
export const chordKeys = (chord: string): string[] => (chord === '+' ? ['+'] : chord.split('+'));

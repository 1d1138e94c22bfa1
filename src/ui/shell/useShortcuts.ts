import { useEffect } from 'react';
import { TOOLS } from '../../regions/registry';
import { useAppStore } from '../../state/store';
import { openHelpSheet } from '../../state/helpStore';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Keyboard shortcuts of the region tools (each tool's key comes from regions/<kind>/tool.ts), [ and ], Ctrl/Cmd+Z and
 * Shift+Ctrl/Cmd+Z, Esc; `?` opens the shortcut sheet.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (TYPING.has(el.tagName) || el.isContentEditable)) return;
      // Inside an open dialog, keys belong to it (Esc closes it, and must not clear the region too).
      if (el?.closest?.('dialog[open]')) return;
      const s = useAppStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        return e.shiftKey ? s.redo() : s.undo();
      }
      if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        return s.redo();
      }
      if (mod || e.altKey) return;
      if (e.key === '?') return openHelpSheet('shortcuts');
      if (e.key === 'Escape' && s.params.region) return s.setArea(null);
      if (e.key === '[') return s.setBrushSize(s.brushSize - 1);
      if (e.key === ']') return s.setBrushSize(s.brushSize + 1);
      const tool = TOOLS.find((t) => t.key === e.key.toUpperCase());
      if (tool) s.setTool(tool.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

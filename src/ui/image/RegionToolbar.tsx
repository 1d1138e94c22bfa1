import { toolOf, TOOLS } from '../../regions/registry';
import { BRUSH_SIZE } from '../../state/toolSlice';
import { useAppStore } from '../../state/store';

/** The region tools over the image, with their shortcuts, the brush size, undo/redo and "as drawn". */
export function RegionToolbar() {
  const tool = useAppStore((s) => s.tool);
  const setTool = useAppStore((s) => s.setTool);
  const brushSize = useAppStore((s) => s.brushSize);
  const setBrushSize = useAppStore((s) => s.setBrushSize);
  const drawExact = useAppStore((s) => s.drawExact);
  const setDrawExact = useAppStore((s) => s.setDrawExact);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const hasRegion = useAppStore((s) => s.params.region !== null);
  const { undo, redo, setArea } = useAppStore.getState();
  return (
    <div className="toolbar" role="toolbar" aria-label="Region tools">
      {TOOLS.map((t) => (
        <button
          key={t.id}
          type="button"
          aria-pressed={tool === t.id}
          aria-keyshortcuts={t.key}
          title={`${t.label} (${t.key})`}
          onClick={() => setTool(t.id)}
        >
          {t.label}
        </button>
      ))}
      {toolOf(tool)?.sized && (
        <label title="Brush size in % of the image side ([ and ])">
          Size
          <input
            aria-label="Brush size"
            type="range"
            min={BRUSH_SIZE.min}
            max={BRUSH_SIZE.max}
            step={1}
            value={brushSize}
            onChange={(e) => setBrushSize(Number(e.target.value))}
          />
          <input
            aria-label="Brush size (number)"
            type="number"
            min={BRUSH_SIZE.min}
            max={BRUSH_SIZE.max}
            value={brushSize}
            onChange={(e) => setBrushSize(Number(e.target.value))}
          />
        </label>
      )}
      <button
        type="button"
        onClick={undo}
        disabled={!canUndo}
        aria-keyshortcuts="Control+Z Meta+Z"
        title="Undo (Ctrl/Cmd+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!canRedo}
        aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z"
        title="Redo (Shift+Ctrl/Cmd+Z)"
      >
        Redo
      </button>
      <button
        type="button"
        onClick={() => setArea(null)}
        disabled={!hasRegion}
        aria-keyshortcuts="Escape"
        title="Clear the region (Esc)"
      >
        Clear
      </button>
      <label
        className="check"
        title="Use the drawn pixels as they are, instead of intersecting them with the class's prediction"
      >
        <input type="checkbox" checked={drawExact} onChange={(e) => setDrawExact(e.target.checked)} /> Use the drawn
        pixels as they are
      </label>
    </div>
  );
}

import { useState, type KeyboardEvent } from 'react';
import type { Point } from '../../core/region';
import { drawDraft, drawHeatmap, drawLabels, drawMarker, drawOutline } from '../../render/overlay';
import { areaOf, paintDisc, simplifyPolygon } from '../../state/regionEdit';
import { useAppStore } from '../../state/store';
import { ClassLegend } from './ClassLegend';
import { cursorText } from './cursorText';
import { LinkedStage } from '../linked/LinkedStage';
import { beginLinkedView, ZOOM_HINT } from '../linked/view';
import { FirstVisitHint } from '../help/FirstVisitHint';
import { RegionToolbar } from './RegionToolbar';
import { RangeField } from '../settings/RangeField';
import { commitMask, drawn, gridOf, pick, radiusCells, startMask, useDrawing } from './useDrawing';
import { displaySize, useCanvas } from './useCanvas';

const STEP = 1 / 64;
const HELP: Record<string, string> = {
  point: 'Click a pixel to explain it (or focus the image, move with the arrow keys, press Enter).',
  box: 'Drag a box (keyboard: Enter at one corner, then at the other).',
  lasso: 'Draw around the region (keyboard: Enter at each vertex, Enter twice to close).',
  brush: 'Paint the region; strokes add up (keyboard: Enter paints at the cursor).',
  eraser: 'Erase from the region (keyboard: Enter erases at the cursor).',
};

/** The image with the model's segmentation; the region tools draw on it and the explained region is outlined. */
export function ImageView() {
  const image = useAppStore((s) => s.image);
  const prediction = useAppStore((s) => s.prediction);
  const model = useAppStore((s) => s.model);
  const region = useAppStore((s) => s.params.region);
  const target = useAppStore((s) => s.target);
  const tool = useAppStore((s) => s.tool);
  const view = useAppStore((s) => s.viewTransform);
  const [showSeg, setShowSeg] = useState(true);
  const [opacity, setOpacity] = useState(0.45);
  const [cursor, setCursor] = useState<Point | null>(null);
  const [vertices, setVertices] = useState<Point[]>([]);
  const { draft, handlers } = useDrawing();
  const [w, h] = image ? displaySize(image.bitmap.width, image.bitmap.height, 460) : [460, 460];

  const ref = useCanvas(
    (ctx) => {
      beginLinkedView(ctx, view); // the shared zoom and pan; everything below draws through it
      drawHeatmap(ctx, image?.bitmap ?? null, null, 0);
      if (showSeg && prediction && model)
        drawLabels(
          ctx,
          prediction.labels,
          prediction.size,
          model.classes.map((c) => c.color),
          opacity,
        );
      if (target && region) {
        drawOutline(ctx, target.mask, target.maskSize);
        if (target.ring) drawOutline(ctx, target.ring, target.maskSize, '#ff5252');
      }
      const area = region ? areaOf(region) : null;
      if (area && (area.kind === 'point' || area.kind === 'component' || area.kind === 'class'))
        drawMarker(ctx, area.x, area.y);
      if (draft) drawDraft(ctx, draft);
      if (vertices.length) drawDraft(ctx, { kind: 'lasso', points: cursor ? [...vertices, cursor] : vertices });
      if (cursor) drawMarker(ctx, cursor.x, cursor.y);
    },
    [image, prediction, model, region, target, showSeg, opacity, cursor, draft, vertices, w, h, view],
  );

  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const c = cursor ?? (region ? pointOf(region) : null) ?? { x: 0.5, y: 0.5 };
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-STEP, 0],
      ArrowRight: [STEP, 0],
      ArrowUp: [0, -STEP],
      ArrowDown: [0, STEP],
    };
    const mv = moves[e.key];
    if (mv) {
      e.preventDefault();
      setCursor({ x: Math.min(1, Math.max(0, c.x + mv[0])), y: Math.min(1, Math.max(0, c.y + mv[1])) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      act(c);
    }
  };

  /** Enter at the keyboard cursor: what a click or a dab would do with the current tool. */
  const act = (c: Point) => {
    const s = useAppStore.getState();
    if (s.tool === 'point') {
      pick(c);
      setCursor(null);
    } else if (s.tool === 'brush' || s.tool === 'eraser') {
      const mask = startMask(s.tool);
      if (!mask) return;
      paintDisc(mask, gridOf(), c, radiusCells(), s.tool === 'brush' ? 1 : 0);
      commitMask(mask, s.tool === 'eraser');
    } else if (s.tool === 'box') {
      const [first] = vertices;
      if (!first) return setVertices([c]);
      s.setArea(drawn({ kind: 'box', x0: first.x, y0: first.y, x1: c.x, y1: c.y }));
      setVertices([]);
    } else {
      const last = vertices.at(-1);
      if (last && last.x === c.x && last.y === c.y && vertices.length >= 3) {
        s.setArea(drawn({ kind: 'polygon', points: simplifyPolygon(vertices) }));
        setVertices([]);
      } else setVertices([...vertices, c]);
    }
  };

  return (
    <section className="image-view" aria-label="Input">
      <FirstVisitHint />
      <RegionToolbar />
      <LinkedStage surface="image" width={w} height={h} onDrawCancel={handlers.onPointerCancel}>
        <canvas
          ref={ref}
          width={w}
          height={h}
          role="application"
          aria-label="Image"
          aria-roledescription="drawable image"
          aria-describedby="image-help"
          data-tool={tool}
          tabIndex={0}
          {...handlers}
          onKeyDown={onKey}
          onBlur={() => setVertices([])}
        />
      </LinkedStage>
      <p id="image-help" className="hint">
        {HELP[tool]} {ZOOM_HINT}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="image-cursor">
        {cursor ? cursorText(cursor, prediction, model?.classes.map((c) => c.name) ?? []) : ''}
      </p>
      <div className="row">
        <label>
          <input type="checkbox" checked={showSeg} onChange={(e) => setShowSeg(e.target.checked)} /> Show segmentation
        </label>
        <RangeField
          label="Overlay opacity"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          valueText={opacity.toFixed(2)}
          onChange={setOpacity}
        />
      </div>
      {model && <ClassLegend />}
    </section>
  );
}

function pointOf(region: NonNullable<ReturnType<typeof useAppStore.getState>['params']['region']>): Point | null {
  const a = areaOf(region);
  return a.kind === 'point' || a.kind === 'component' || a.kind === 'class' ? { x: a.x, y: a.y } : null;
}

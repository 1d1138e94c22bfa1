import { useState, type KeyboardEvent } from 'react';
import type { Point } from '../../core/region';
import { drawDraft, drawHeatmap, drawLabels, drawMarker, drawOutline } from '../../render/overlay';
import { areaOf, isClick } from '../../regions/edit';
import { toolOf, type Region } from '../../regions/registry';
import { useAppStore } from '../../state/store';
import { ClassLegend } from './ClassLegend';
import { cursorText } from './cursorText';
import { LinkedStage } from '../linked/LinkedStage';
import { beginLinkedView, ZOOM_HINT } from '../linked/view';
import { FirstVisitHint } from '../help/FirstVisitHint';
import { RegionToolbar } from './RegionToolbar';
import { RangeField } from '../settings/RangeField';
import { useGesture } from './useGesture';
import { displaySize, useCanvas } from './useCanvas';

const STEP = 1 / 64;

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
  const { draft, handlers, feed, cancel } = useGesture();
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
      if (isClick(area)) drawMarker(ctx, area.x, area.y);
      if (draft) drawDraft(ctx, draft);
      if (cursor) drawMarker(ctx, cursor.x, cursor.y);
    },
    [image, prediction, model, region, target, showSeg, opacity, cursor, draft, w, h, view],
  );

  /** The keyboard drives the same gesture as the pointer: arrows move the cursor (a hover), Enter is a click. */
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
      const next = { x: Math.min(1, Math.max(0, c.x + mv[0])), y: Math.min(1, Math.max(0, c.y + mv[1])) };
      setCursor(next);
      feed({ type: 'hover', at: next });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      feed({ type: 'press', at: c });
      feed({ type: 'release', at: c, moved: false });
      // A click region is marked where it was made: the cursor's marker would only double it.
      const now = useAppStore.getState().params.region;
      if (now && now !== region && isClick(areaOf(now))) setCursor(null);
    } else if (e.key === 'Escape') cancel();
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
          onBlur={cancel}
        />
      </LinkedStage>
      <p id="image-help" className="hint">
        {toolOf(tool)?.help} {ZOOM_HINT}
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

function pointOf(region: Region): Point | null {
  const a = areaOf(region);
  return isClick(a) ? { x: a.x, y: a.y } : null;
}

import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { drawHeatmap, drawLabels, drawMarker } from '../render/overlay';
import { anchorOf } from '../core/region';
import { useAppStore } from '../state/store';
import { displaySize, useCanvas } from './useCanvas';

const STEP = 1 / 64;

/** The image with the model's segmentation; a click (or arrows + Enter) picks the region to explain. */
export function ImageView() {
  const image = useAppStore((s) => s.image);
  const prediction = useAppStore((s) => s.prediction);
  const model = useAppStore((s) => s.model);
  const region = useAppStore((s) => s.params.region);
  const setParams = useAppStore((s) => s.setParams);
  const clickMode = useAppStore((s) => s.clickMode);
  const [showSeg, setShowSeg] = useState(true);
  const [opacity, setOpacity] = useState(0.45);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const [w, h] = image ? displaySize(image.bitmap.width, image.bitmap.height, 460) : [460, 460];

  const ref = useCanvas(
    (ctx) => {
      drawHeatmap(ctx, image?.bitmap ?? null, null, 0);
      if (showSeg && prediction && model) drawLabels(ctx, prediction.labels, prediction.size, model.classes.map((c) => c.color), opacity);
      const anchor = region ? anchorOf(region) : null;
      if (anchor) drawMarker(ctx, anchor.x, anchor.y);
      if (cursor && (!anchor || cursor.x !== anchor.x || cursor.y !== anchor.y)) drawMarker(ctx, cursor.x, cursor.y);
    },
    [image, prediction, model, region, showSeg, opacity, cursor, w, h],
  );

  const pick = (x: number, y: number) => {
    // Rounded as the share link writes them, so a link reproduces exactly the same region.
    const q = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1e4) / 1e4;
    setParams({ region: { kind: clickMode, x: q(x), y: q(y) } });
  };
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    pick((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const c = cursor ?? (region ? anchorOf(region) : null) ?? { x: 0.5, y: 0.5 };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const mv = moves[e.key];
    if (mv) {
      e.preventDefault();
      setCursor({ x: Math.min(1, Math.max(0, c.x + mv[0])), y: Math.min(1, Math.max(0, c.y + mv[1])) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(c.x, c.y);
      setCursor(null);
    }
  };

  return (
    <section className="image-view" aria-label="Input">
      <canvas
        ref={ref}
        width={w}
        height={h}
        role="application"
        aria-label="Image"
        aria-roledescription="clickable image"
        aria-describedby="image-help"
        tabIndex={0}
        onClick={onClick}
        onKeyDown={onKey}
      />
      <p id="image-help" className="hint">
        Click a pixel to explain it (or focus the image, move with the arrow keys, press Enter).
      </p>
      <div className="row">
        <label>
          <input type="checkbox" checked={showSeg} onChange={(e) => setShowSeg(e.target.checked)} /> Show segmentation
        </label>
        <label>
          Overlay opacity
          <input aria-label="Overlay opacity" type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} />
        </label>
      </div>
      {model && <ClassLegend />}
    </section>
  );
}

function ClassLegend() {
  const model = useAppStore((s) => s.model);
  if (!model) return null;
  return (
    <ul className="class-legend" aria-label="Classes">
      {model.classes.map((c, i) => (
        <li key={c.name}>
          <span className="swatch" style={{ background: i === 0 ? 'transparent' : c.color }} /> {c.name}
        </li>
      ))}
    </ul>
  );
}

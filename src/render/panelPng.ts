import type { HeatMap } from '../core/results';
import { TURBO_LUT } from './colormap';
import { drawHeatmap, drawOutline } from './overlay';

/**
 * A panel as a standalone picture: the method's title and parameters, its map over the image at print resolution,
 * and the colour bar. The layout is pure (tested in Node); drawing needs a DOM canvas.
 */

/** The long side of the map in the PNG: 3× the panel's 256 px, 8× the trained models' 96×96 grid. */
export const PNG_MAP_SIDE = 768;
/** The map's opacity over the image, as on screen. */
export const PNG_MAP_ALPHA = 0.7;

const L = {
  margin: 24,
  /** narrow images still leave room for the text */
  minContent: 640,
  titleFont: 26,
  titleLine: 38,
  lineFont: 16,
  lineHeight: 24,
  labelWidth: 110,
  gap: 14,
  barHeight: 18,
  tickFont: 14,
  tickLine: 22,
  captionFont: 13,
  captionLine: 20,
};

export const COLOUR_BAR_TICKS = [0, 0.25, 0.5, 0.75, 1] as const;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelPngLayout {
  width: number;
  height: number;
  title: { x: number; y: number; right: number };
  /** baselines of the parameter lines; values start at valueX */
  lines: { y: number }[];
  labelX: number;
  valueX: number;
  map: Rect;
  bar: Rect;
  tickY: number;
  captionY: number;
}

/** Where everything goes, for an image of [width, height] and a number of parameter lines. */
export function panelPngLayout(imageSize: readonly [number, number], lineCount: number): PanelPngLayout {
  const [iw, ih] = imageSize;
  const s = PNG_MAP_SIDE / Math.max(iw, ih, 1);
  const mapW = Math.max(1, Math.round(iw * s));
  const mapH = Math.max(1, Math.round(ih * s));
  const content = Math.max(mapW, L.minContent);
  const width = content + 2 * L.margin;
  let y = L.margin;
  const title = { x: L.margin, y: y + L.titleFont, right: L.margin + content };
  y += L.titleLine;
  const lines = Array.from({ length: lineCount }, (_, i) => ({ y: y + i * L.lineHeight + L.lineFont }));
  y += lineCount * L.lineHeight + L.gap;
  const map = { x: L.margin + Math.round((content - mapW) / 2), y, w: mapW, h: mapH };
  y += mapH + L.gap;
  const bar = { x: L.margin, y, w: content, h: L.barHeight };
  y += L.barHeight;
  const tickY = y + L.tickFont + 4;
  y += L.tickLine;
  const captionY = y + L.captionFont + 2;
  y += L.captionLine;
  return {
    width,
    height: y + L.margin,
    title,
    lines,
    labelX: L.margin,
    valueX: L.margin + L.labelWidth,
    map,
    bar,
    tickY,
    captionY,
  };
}

/** `text`, cut with an ellipsis to fit `maxWidth` as `measure` measures it. */
export function fitText(text: string, maxWidth: number, measure: (t: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  // the longest prefix whose text + '…' fits
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** CSS colour of the Turbo map at v ∈ [0, 1] (the panels' colour map). */
export function turboCss(v: number): string {
  const k = Math.round(Math.min(1, Math.max(0, v)) * 255) * 3;
  return `rgb(${TURBO_LUT[k]},${TURBO_LUT[k + 1]},${TURBO_LUT[k + 2]})`;
}

export interface PanelPngInput {
  /** the image the map explains; null draws the map alone */
  image: CanvasImageSource | null;
  /** [width, height] of the image (its aspect sets the map's) */
  imageSize: readonly [number, number];
  map: Pick<HeatMap, 'data' | 'size'>;
  /** the explained region M and the outer ring of a border target, on the output grid */
  region: { mask: Uint8Array; ring: Uint8Array | null; size: readonly [number, number] } | null;
  title: string;
  /** small text at the top right (the app and the date) */
  stamp: string;
  lines: readonly { label: string; value: string }[];
  caption: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = '#1b1f24';
const MUTED = '#5f6670';

/** A new canvas of the given size and its 2-D context. */
function newCanvas(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas context');
  return [canvas, ctx];
}

/** Draws the panel picture on a new canvas. */
export function renderPanelPng(input: PanelPngInput): HTMLCanvasElement {
  const layout = panelPngLayout(input.imageSize, input.lines.length);
  const [canvas, ctx] = newCanvas(layout.width, layout.height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  const right = layout.title.right;

  // Title, and the stamp at the right.
  ctx.textBaseline = 'alphabetic';
  ctx.font = `13px ${FONT}`;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  const stampWidth = ctx.measureText(input.stamp).width;
  ctx.fillText(input.stamp, right, layout.title.y);
  ctx.textAlign = 'left';
  ctx.font = `bold ${L.titleFont}px ${FONT}`;
  ctx.fillStyle = INK;
  ctx.fillText(
    fitText(input.title, right - layout.title.x - stampWidth - 16, (t) => ctx.measureText(t).width),
    layout.title.x,
    layout.title.y,
  );

  // Parameters: a grey label, the value cut to the width.
  input.lines.forEach((line, i) => {
    const y = layout.lines[i]?.y ?? 0;
    ctx.font = `${L.lineFont}px ${FONT}`;
    ctx.fillStyle = MUTED;
    ctx.fillText(line.label, layout.labelX, y);
    ctx.fillStyle = INK;
    ctx.fillText(
      fitText(line.value, right - layout.valueX, (t) => ctx.measureText(t).width),
      layout.valueX,
      y,
    );
  });

  // The map over the image, drawn as the panel draws it, at print size.
  const m = layout.map;
  const [mapCanvas, mctx] = newCanvas(m.w, m.h);
  mctx.imageSmoothingQuality = 'high';
  drawHeatmap(mctx, input.image, { data: input.map.data, size: [input.map.size[0], input.map.size[1]] }, PNG_MAP_ALPHA);
  if (input.region) {
    drawOutline(mctx, input.region.mask, input.region.size);
    if (input.region.ring) drawOutline(mctx, input.region.ring, input.region.size, '#ff5252');
  }
  ctx.drawImage(mapCanvas, m.x, m.y);
  ctx.strokeStyle = '#8888';
  ctx.lineWidth = 1;
  ctx.strokeRect(m.x - 0.5, m.y - 0.5, m.w + 1, m.h + 1);

  // The colour bar, with ticks.
  const b = layout.bar;
  const gradient = ctx.createLinearGradient(b.x, 0, b.x + b.w, 0);
  for (let i = 0; i <= 32; i++) gradient.addColorStop(i / 32, turboCss(i / 32));
  ctx.fillStyle = gradient;
  ctx.fillRect(b.x, b.y, b.w, b.h);
  ctx.strokeRect(b.x - 0.5, b.y - 0.5, b.w + 1, b.h + 1);
  ctx.font = `${L.tickFont}px ${FONT}`;
  ctx.fillStyle = INK;
  for (const t of COLOUR_BAR_TICKS) {
    const x = b.x + t * b.w;
    ctx.fillRect(Math.round(x) - (t === 1 ? 1 : 0), b.y + b.h, 1, 4);
    ctx.textAlign = t === 0 ? 'left' : t === 1 ? 'right' : 'center';
    ctx.fillText(String(t), x, layout.tickY);
  }
  ctx.textAlign = 'left';
  ctx.font = `${L.captionFont}px ${FONT}`;
  ctx.fillStyle = MUTED;
  ctx.fillText(
    fitText(input.caption, b.w, (t) => ctx.measureText(t).width),
    b.x,
    layout.captionY,
  );
  return canvas;
}

/** The canvas as PNG bytes, through the browser's own encoder. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) reject(new Error('the browser could not encode the PNG'));
      else blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
    }, 'image/png');
  });
}

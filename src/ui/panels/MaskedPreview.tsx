import { memo, useId, useMemo, useRef, useState } from 'react';
import type { MaskedView } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { drawLabels, drawMarker, drawOutline } from '../../render/overlay';
import { useAppStore } from '../../state/store';
import { useCanvas } from '../image/useCanvas';
import '../faithfulness/faithfulness.css';

export const MASKED_HELP =
  'What the model saw at this threshold: the input with every pixel ' +
  'outside the map’s kept area set to the baseline, and the model’s ' +
  'prediction on it (class colours). Click to open them large.';

/** The masked input (RGBA at its own size), scaled smoothly onto the canvas. */
function drawMasked(ctx: CanvasRenderingContext2D, image: MaskedView['image']): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  const buffer = new OffscreenCanvas(image.width, image.height);
  (buffer.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(
    new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height),
    0,
    0,
  );
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(buffer, 0, 0, width, height);
}

/** The prediction on the masked input in the model's class colours (background too), the region outlined if given. */
function drawPrediction(
  ctx: CanvasRenderingContext2D,
  view: MaskedView,
  colors: readonly string[],
  region: { mask: Uint8Array; size: [number, number] } | null,
): void {
  const { width, height } = ctx.canvas;
  ctx.fillStyle = colors[0] ?? '#000';
  ctx.fillRect(0, 0, width, height);
  drawLabels(ctx, view.labels, view.labelSize, colors, 1);
  if (!region) return;
  drawOutline(ctx, region.mask, region.size);
  // A region of a few cells outlines to a dot: ring its centre as the image view rings a click.
  const [h, w] = region.size;
  let [n, sx, sy] = [0, 0, 0];
  region.mask.forEach((v, i) => v && (n++, (sx += (i % w) + 0.5), (sy += Math.floor(i / w) + 0.5)));
  if (n > 0 && n < (h * w) / 400) drawMarker(ctx, sx / n / w, sy / n / h);
}

function Masked({ view, side, label }: { view: MaskedView; side: number; label?: string }) {
  const ref = useCanvas((ctx) => drawMasked(ctx, view.image), [view]);
  const h = Math.round((side * view.image.height) / view.image.width);
  return (
    <canvas
      ref={ref}
      width={side}
      height={h}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}

function Prediction({
  view,
  side,
  colors,
  region,
  label,
}: {
  view: MaskedView;
  side: number;
  colors: readonly string[];
  region: { mask: Uint8Array; size: [number, number] } | null;
  label?: string;
}) {
  const ref = useCanvas((ctx) => drawPrediction(ctx, view, colors, region), [view, colors, region]);
  const h = Math.round((side * view.labelSize[0]) / view.labelSize[1]);
  return (
    <canvas
      ref={ref}
      className="labels"
      width={side}
      height={h}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}

/**
 * Beside a panel's sufficiency read-out: the masked input the model saw at the threshold and its prediction (the
 * paper's Figs. 2–3), small; a click opens both large in a dialog (Esc closes, focus comes back here).
 */
// memo: the panel re-renders on every slider step; this preview changes only with its sufficiency result.
export const MaskedPreview = memo(function MaskedPreview({ id }: { id: MethodId }) {
  const suff = useAppStore((s) => s.results[id].sufficiency);
  const model = useAppStore((s) => s.model);
  const target = useAppStore((s) => s.target);
  const threshold = useAppStore((s) => s.params.threshold);
  const dialog = useRef<HTMLDialogElement>(null);
  // The large pictures are drawn only while the dialog is open: a slider drag should not repaint them.
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const view = suff?.masked;
  // Stable between renders, so the canvases redraw only when what they show changes.
  const colors = useMemo(() => model?.classes.map((c) => c.color) ?? [], [model]);
  const region = useMemo(() => (target ? { mask: target.mask, size: target.maskSize } : null), [target]);
  const present = useMemo(() => (view ? [...new Set(view.labels)].sort((a, b) => a - b) : []), [view]);
  if (!view || !model) return <>…</>;
  const title = anyMeta(id).title;
  const t = threshold.toFixed(2);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="masked-thumbs"
        aria-haspopup="dialog"
        aria-label={`${title}: what the model saw at t = ${t} — open large`}
        title="Masked input and the model’s prediction on it: click to open large"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        <Masked view={view} side={72} />
        <Prediction view={view} side={72} colors={colors} region={null} />
      </button>
      <dialog
        ref={dialog}
        className="masked-dialog"
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          trigger.current?.focus();
        }}
        onClick={(e) => e.target === dialog.current && dialog.current?.close()}
      >
        <h3 id={titleId}>
          {title}: what the model saw at t = {t}
        </h3>
        {open && (
          <div className="masked-large">
            <figure>
              <Masked view={view} side={320} label={`Masked input at t = ${t}`} />
              <figcaption>
                The input, keeping only the map’s pixels above {t} (
                {suff ? `${(suff.retained * 100).toFixed(1)}% kept` : ''}); the rest is the baseline.
              </figcaption>
            </figure>
            <figure>
              <Prediction
                view={view}
                side={320}
                colors={colors}
                region={region}
                label={`The model's prediction on the masked input at t = ${t}`}
              />
              <figcaption>
                The model’s prediction on it, the explained region outlined (Dice {suff ? suff.dice.toFixed(3) : '—'}).
              </figcaption>
            </figure>
          </div>
        )}
        <ul className="class-key" aria-label="Classes in the prediction">
          {present.map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: colors[c] }} /> {model.classes[c]?.name ?? `class ${c}`}
            </li>
          ))}
        </ul>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </>
  );
});

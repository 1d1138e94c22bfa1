import { useEffect, useState } from 'react';
import { isUnanswered } from '../../core/abort';
import type { HeatMap } from '../../core/results';
import { drawHeatmap } from '../../render/overlay';
import { useAppStore } from '../../state/store';
import type { SweepThumb } from '../../engine/protocol';
import { message } from '../../app';
import { useController } from '../shell/ControllerContext';
import { useCanvas } from '../image/useCanvas';
import { windowLabel } from '../settings/windowOptions';

const THUMB = 64;
const short = (v: number) => (Number.isFinite(v) ? v.toFixed(2).replace(/^0\./, '.') : '—');

function Thumb({ map, image }: { map: HeatMap; image: ImageBitmap | null }) {
  const ref = useCanvas((ctx) => drawHeatmap(ctx, image, map, 0.7), [map, image]);
  return <canvas ref={ref} width={THUMB} height={THUMB} aria-hidden="true" />;
}

/**
 * Seg-XRes-CAM at every window size, from 1×1 (HiResCAM) to the whole grid (Seg-Grad-CAM with mean pooling), for the
 * current pooling: each with its relevance mass and sufficiency Dice; a click selects that window. No gradient pass.
 */
export function WindowSweep() {
  const controller = useController();
  const xres = useAppStore((s) => s.params.settings.xres);
  const setSettings = useAppStore((s) => s.setSettings);
  const threshold = useAppStore((s) => s.params.threshold);
  const baseline = useAppStore((s) => s.params.baseline);
  const target = useAppStore((s) => s.target);
  const ready = useAppStore((s) => s.results.xres.status === 'done');
  const image = useAppStore((s) => s.image?.bitmap ?? null);
  const [open, setOpen] = useState(false);
  const [thumbs, setThumbs] = useState<SweepThumb[] | null>(null);
  const [dice, setDice] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !ready || !target?.layerShape) return;
    const ctrl = new AbortController();
    controller
      .sweepWindows(xres.pool, xres.edges)
      .then(async (t) => {
        if (ctrl.signal.aborted) return;
        setThumbs(t);
        setDice(null);
        setError(null);
        const r = await controller.sweepSufficiency({ maps: t.map((x) => x.map), threshold, baseline }, ctrl.signal);
        if (!ctrl.signal.aborted) setDice(r.map((x) => x.dice));
      })
      .catch((e: unknown) => !isUnanswered(e) && !ctrl.signal.aborted && setError(message(e)));
    return () => ctrl.abort();
  }, [controller, open, ready, target, xres.pool, xres.edges, threshold, baseline]);

  const grid = target?.layerShape ? ([target.layerShape[0], target.layerShape[1]] as [number, number]) : null;
  return (
    <details className="sweep" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Window sweep{grid ? ` (${thumbs?.length ?? Math.max(...grid)} sizes)` : ''}</summary>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {open && !thumbs && !error && <p className="hint">Computing…</p>}
      {thumbs && grid && (
        <ul className="sweep-strip" aria-label="Window sizes">
          {thumbs.map((t, i) => (
            <li key={t.window}>
              <button
                type="button"
                aria-pressed={t.window === xres.window || (t.window === 0 && xres.window >= Math.max(...grid))}
                aria-label={`Window ${windowLabel(t.window, grid, xres.pool)}: mass in region ${short(t.mass)}, Dice ${dice ? short(dice[i] ?? NaN) : 'computing'}`}
                onClick={() => setSettings('xres', { window: t.window })}
              >
                <Thumb map={t.map} image={image} />
                <span>{t.window === 0 ? 'all' : `${t.window}×${t.window}`}</span>
                <span title="relevance mass in the region">m {short(t.mass)}</span>
                <span title={`sufficiency Dice at t = ${threshold.toFixed(2)}`}>
                  D {dice ? short(dice[i] ?? NaN) : '…'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

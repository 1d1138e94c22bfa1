import { useEffect, useMemo, useState } from 'react';
import { isUnanswered } from '../../core/abort';
import { useAppStore } from '../../state/store';
import type { SettingRecord, WindowSpec } from '../../core/settings';
import { windowLabel } from '../../core/window';
import type { MethodCall, SweepThumb } from '../../engine/protocol';
import { anyMeta, type MethodId } from '../../methods/registry';
import { message } from '../../app';
import { useController } from '../shell/ControllerContext';
import { MapThumb, short } from './MapThumb';

/**
 * A gradient method at every value of one of its window settings, from 1×1 to the whole grid, its other settings as
 * they are: each map with its relevance mass and sufficiency Dice; a click selects that window. No gradient pass.
 */
export function WindowSweep({ id, setting }: { id: MethodId; setting: string }) {
  const controller = useController();
  const settings: SettingRecord = useAppStore((s) => s.params.settings[id]);
  const spec = anyMeta(id).settings[setting] as WindowSpec;
  const setSettings = useAppStore((s) => s.setSettings);
  const threshold = useAppStore((s) => s.params.threshold);
  const baseline = useAppStore((s) => s.params.baseline);
  const target = useAppStore((s) => s.target);
  const ready = useAppStore((s) => s.results[id].status === 'done');
  const image = useAppStore((s) => s.image?.bitmap ?? null);
  // The method's other settings shape the maps; the swept one does not (each thumbnail sets its own), nor reruns it.
  const othersKey = JSON.stringify(Object.entries(settings).filter(([k]) => k !== setting));
  const others = useMemo((): SettingRecord => Object.fromEntries(JSON.parse(othersKey)), [othersKey]);
  const [open, setOpen] = useState(false);
  const [thumbs, setThumbs] = useState<SweepThumb[] | null>(null);
  const [dice, setDice] = useState<number[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !ready || !target?.layerShape) return;
    const ctrl = new AbortController();
    controller
      .sweepWindows({ id, settings: others } as MethodCall, setting)
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
  }, [controller, open, ready, target, id, setting, others, threshold, baseline]);

  const chosen = Number(settings[setting]);
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
                aria-pressed={t.window === chosen || (t.window === 0 && chosen >= Math.max(...grid))}
                aria-label={
                  `Window ${windowLabel(spec, t.window, grid, settings)}: mass in region ${short(t.mass)}, ` +
                  `Dice ${dice ? short(dice[i] ?? NaN) : 'computing'}`
                }
                onClick={() => setSettings(id, { [setting]: t.window })}
              >
                <MapThumb map={t.map} image={image} />
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

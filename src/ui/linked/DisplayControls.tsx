import { useState } from 'react';
import { displayOf, type PanelKey } from '../../state/viewSlice';
import { useAppStore } from '../../state/store';

/** A panel's opacity (slider with a number beside it) and its "map only" switch. */
export function DisplayControls({ viewKey, title }: { viewKey: PanelKey; title: string }) {
  const display = useAppStore((s) => displayOf(s, viewKey));
  const setDisplay = useAppStore((s) => s.setPanelDisplay);
  const [draft, setDraft] = useState<string | null>(null);
  const setAlpha = (v: number) => setDisplay(viewKey, { alpha: Math.round(v * 100) / 100 });
  const type = (raw: string) => {
    setDraft(raw);
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1) setAlpha(v);
  };
  return (
    <div className="linked-display" role="group" aria-label={`${title} display`}>
      <span className="linked-display-name" aria-hidden="true">
        Opacity
      </span>
      <input
        type="range"
        aria-label={`${title} opacity`}
        min={0}
        max={1}
        step={0.05}
        value={display.alpha}
        disabled={display.mapOnly}
        onChange={(e) => setAlpha(Number(e.target.value))}
      />
      <input
        type="number"
        className="linked-alpha"
        aria-label={`${title} opacity value`}
        min={0}
        max={1}
        step={0.05}
        value={draft ?? display.alpha.toFixed(2)}
        disabled={display.mapOnly}
        onChange={(e) => type(e.target.value)}
        onBlur={() => setDraft(null)}
      />
      <label className="linked-maponly">
        <input
          type="checkbox"
          aria-label={`${title} map only`}
          checked={display.mapOnly}
          onChange={(e) => setDisplay(viewKey, { mapOnly: e.target.checked })}
        />
        Map only
      </label>
    </div>
  );
}

import { useState } from 'react';
import { LIMITS, type BaselineKind } from '../state/params';
import { useAppStore } from '../state/store';

type RiseNumberKey = 'count' | 'gridSize' | 'keepProbability' | 'seed';
const FIELDS: { key: RiseNumberKey; label: string; min: number; max: number; step: number }[] = [
  { key: 'count', label: 'Masks (N)', ...LIMITS.riseCount, step: 100 },
  { key: 'gridSize', label: 'Grid size (s)', ...LIMITS.gridSize, step: 1 },
  { key: 'keepProbability', label: 'Keep probability (p)', ...LIMITS.keepProbability, step: 0.05 },
  { key: 'seed', label: 'Seed', ...LIMITS.seed, step: 1 },
];

/** RISE settings; numbers apply on change (Enter / blur) and are clamped to the codec's limits. */
export function RiseControls() {
  const rise = useAppStore((s) => s.params.rise);
  const setRise = useAppStore((s) => s.setRise);
  return (
    <fieldset className="controls">
      <legend>RISE</legend>
      {FIELDS.map((f) => (
        <NumberField key={f.key} label={f.label} min={f.min} max={f.max} step={f.step} value={rise[f.key]} onCommit={(v) => setRise({ [f.key]: v })} />
      ))}
      <label>
        Baseline
        <select aria-label="Baseline" value={rise.baseline} onChange={(e) => setRise({ baseline: e.target.value as BaselineKind })}>
          <option value="mean">mean colour</option>
          <option value="black">black</option>
          <option value="blur">blurred image</option>
        </select>
      </label>
    </fieldset>
  );
}

function NumberField(props: { label: string; min: number; max: number; step: number; value: number; onCommit: (v: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft);
    setDraft(null);
    if (draft.trim() === '' || !Number.isFinite(v)) return;
    const clamped = Math.min(props.max, Math.max(props.min, props.step >= 1 ? Math.round(v) : v));
    if (clamped !== props.value) props.onCommit(clamped);
  };
  return (
    <label>
      {props.label}
      <input
        aria-label={props.label}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        value={draft ?? String(props.value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}

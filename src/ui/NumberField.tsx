import { useState } from 'react';

/** A number that applies on Enter or blur, clamped to its limits; an empty or non-numeric entry is dropped. */
export function NumberField(props: { label: string; min: number; max: number; step: number; value: number; integer: boolean; onCommit: (v: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft);
    setDraft(null);
    if (draft.trim() === '' || !Number.isFinite(v)) return;
    const clamped = Math.min(props.max, Math.max(props.min, props.integer ? Math.round(v) : v));
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

import { useState, type ChangeEvent } from 'react';

interface NumberInputProps {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  integer: boolean;
  onCommit: (v: number) => void;
}

/** Clamps to the limits (and rounds an integer); null for an empty or non-numeric entry. */
export function parseEntry(text: string, p: Pick<NumberInputProps, 'min' | 'max' | 'integer'>): number | null {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return null;
  return Math.min(p.max, Math.max(p.min, p.integer ? Math.round(v) : v));
}

/**
 * A bare number input that applies on Enter, blur or a spin step, never per typed character (typing "2000" must not
 * start RISE at 2, 20 and 200 masks).
 */
export function NumberInput(props: NumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (text: string | null) => {
    setDraft(null);
    if (text === null) return;
    const v = parseEntry(text, props);
    if (v !== null && v !== props.value) props.onCommit(v);
  };
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    // A spin button or arrow key step comes without an inputType; typing comes with one.
    const typed = Boolean((e.nativeEvent as InputEvent).inputType);
    if (typed) setDraft(e.target.value);
    else commit(e.target.value);
  };
  return (
    <input
      aria-label={props.label}
      type="number"
      inputMode={props.integer ? 'numeric' : 'decimal'}
      min={props.min}
      max={props.max}
      step={props.step}
      value={draft ?? String(props.value)}
      onChange={onChange}
      onBlur={() => commit(draft)}
      onKeyDown={(e) => e.key === 'Enter' && commit(draft)}
    />
  );
}

/** A labelled number setting (RISE's N, a seed). */
export function NumberField(props: NumberInputProps & { help?: string }) {
  return (
    <label title={props.help}>
      <span>{props.label}</span>
      <NumberInput {...props} />
    </label>
  );
}

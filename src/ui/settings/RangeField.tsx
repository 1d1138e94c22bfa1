import { NumberInput } from './NumberField';

interface Props {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (v: number) => void;
  /** what a screen reader and the read-out say for the value, e.g. "0.20" */
  valueText?: string;
  help?: string;
}

/** A slider with a number input beside it: drag for a feel, type for an exact value. */
export function RangeField({ label, min, max, step, value, onChange, valueText, help }: Props) {
  const integer = Number.isInteger(step) && Number.isInteger(min);
  return (
    <label className="range-field" title={help}>
      <span>{label}</span>
      <input
        aria-label={label}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <NumberInput
        label={`${label} (number)`}
        min={min}
        max={max}
        step={step}
        value={value}
        integer={integer}
        onCommit={onChange}
      />
    </label>
  );
}

import type { PoolType } from '../core/kinds';
import type { SettingSpec, SettingValue } from '../core/settings';
import { NumberField } from './NumberField';
import { windowIndex, windowLabel, windowOptions } from './windowOptions';

interface Props {
  spec: SettingSpec;
  value: SettingValue;
  /** the other settings of the same method (a window's label names the pooling identity) */
  siblings: Record<string, SettingValue>;
  /** the explained layer's grid, for window sliders */
  grid: [number, number];
  onChange: (value: SettingValue) => void;
}

/** One setting of a method, drawn from its spec: a menu, a number, or the window slider (1 … the grid). */
export function SettingControl({ spec, value, siblings, grid, onChange }: Props) {
  switch (spec.kind) {
    case 'choice':
      return (
        <label title={spec.help}>
          {spec.label}
          <select aria-label={spec.label} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {spec.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
      );
    case 'int':
    case 'decimal':
      return <NumberField label={spec.label} min={spec.min} max={spec.max} step={spec.step} integer={spec.kind === 'int'} value={Number(value)} onCommit={onChange} />;
    case 'window': {
      const options = windowOptions(Math.max(...grid));
      const index = windowIndex(options, Number(value));
      const text = windowLabel(options[index] ?? 0, grid, (siblings.pool as PoolType | undefined) ?? 'max');
      return (
        <label title={spec.help}>
          {spec.label}
          <input aria-label={spec.label} type="range" min={0} max={options.length - 1} step={1} value={index} aria-valuetext={text}
            onChange={(e) => onChange(options[Number(e.target.value)] ?? 0)} />
          <output>{text}</output>
        </label>
      );
    }
  }
}

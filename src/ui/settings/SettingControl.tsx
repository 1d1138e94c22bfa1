import type { SettingSpec, SettingValue } from '../../core/settings';
import { nearestWindow, windowIndex, windowLabel, windowOptions } from '../../core/window';
import { NumberField, NumberInput } from './NumberField';

interface Props {
  spec: SettingSpec;
  value: SettingValue;
  /** the method's settings (a window's label says what it amounts to with them: its spec's `equivalent`) */
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
          <span>{spec.label}</span>
          <select aria-label={spec.label} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {spec.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'int':
    case 'decimal':
      return (
        <NumberField
          label={spec.label}
          help={spec.help}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          integer={spec.kind === 'int'}
          value={Number(value)}
          onCommit={onChange}
        />
      );
    case 'window': {
      const side = Math.max(...grid);
      const options = windowOptions(side);
      const index = windowIndex(options, Number(value));
      const window = options[index] ?? 0;
      const text = windowLabel(spec, window, grid, siblings);
      return (
        <div className="window-field" title={spec.help}>
          <label className="range-field">
            <span>{spec.label}</span>
            <input
              aria-label={spec.label}
              type="range"
              min={0}
              max={options.length - 1}
              step={1}
              value={index}
              aria-valuetext={text}
              onChange={(e) => onChange(options[Number(e.target.value)] ?? 0)}
            />
            {/* The number is the window's side in cells; a typed side snaps to the nearest window on the slider. */}
            <NumberInput
              label={`${spec.label} (number)`}
              min={1}
              max={side}
              step={1}
              integer
              value={window <= 0 ? side : window}
              onCommit={(v) => onChange(nearestWindow(side, v))}
            />
          </label>
          <output className="hint">{text}</output>
        </div>
      );
    }
  }
}

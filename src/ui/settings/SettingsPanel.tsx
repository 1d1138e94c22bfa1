import { useState, type ReactNode } from 'react';
import { BASELINE_KINDS, type BaselineKind } from '../../core/kinds';
import { useAppStore } from '../../state/store';
import { LayerSetting } from './LayerSetting';
import { MethodPicker } from './MethodPicker';
import { MethodSettings } from './MethodSettings';
import { RangeField } from './RangeField';
import { RegionSettings } from './RegionSettings';
import { SmoothGradSetting } from './SmoothGradSetting';

const BASELINE_LABELS: Record<BaselineKind, string> = { mean: 'mean colour', black: 'black', blur: 'blurred image' };

/**
 * Every setting, grouped by what it changes: the region, the CAMs, RISE, and what is shown. A side panel on a laptop;
 * on a phone a sheet under the panels that opens on demand.
 */
export function SettingsPanel() {
  const [open, setOpen] = useState(false);
  return (
    <aside className="settings" aria-label="Settings" data-open={open}>
      <button
        type="button"
        className="settings-toggle"
        aria-expanded={open}
        aria-controls="settings-body"
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide settings' : 'Settings'}
      </button>
      <div id="settings-body" className="settings-body">
        <Group title="Region">
          <RegionSettings />
        </Group>
        <Group title="CAM methods">
          <fieldset className="controls">
            <legend>Layer</legend>
            <LayerSetting />
          </fieldset>
          <fieldset className="controls">
            <legend>SmoothGrad</legend>
            <SmoothGradSetting />
          </fieldset>
          <MethodSettings which={(needs) => needs !== 'predictions'} />
        </Group>
        <Group title="RISE and masking">
          <MethodSettings which={(needs) => needs === 'predictions'} />
          <BaselineSetting />
        </Group>
        <Group title="Display and read-outs">
          <MethodPicker />
          <ThresholdSetting />
        </Group>
      </div>
    </aside>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  // A heading, not a label: "Region" must name the Region menu only.
  return (
    <section className="settings-group">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function BaselineSetting() {
  const baseline = useAppStore((s) => s.params.baseline);
  const setParams = useAppStore((s) => s.setParams);
  return (
    <fieldset className="controls">
      <legend>Hidden pixels</legend>
      <label title="What hidden pixels become in RISE, Score-CAM and the sufficiency test.">
        <span>Baseline</span>
        <select
          aria-label="Baseline"
          value={baseline}
          onChange={(e) => setParams({ baseline: e.target.value as BaselineKind })}
        >
          {BASELINE_KINDS.map((b) => (
            <option key={b} value={b}>
              {BASELINE_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function ThresholdSetting() {
  const threshold = useAppStore((s) => s.params.threshold);
  const setParams = useAppStore((s) => s.setParams);
  return (
    <fieldset className="controls">
      <legend>Sufficiency</legend>
      <RangeField
        label="Threshold"
        min={0}
        max={1}
        step={0.05}
        value={threshold}
        valueText={threshold.toFixed(2)}
        help="Pixels whose map value is above t are kept for the sufficiency read-out (the paper uses 0.2)."
        onChange={(t) => setParams({ threshold: t })}
      />
    </fieldset>
  );
}

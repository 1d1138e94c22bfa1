import { BASELINE_KINDS, type BaselineKind } from '../core/kinds';
import { CLICK_MODES, type ClickMode } from '../core/region';
import { areaOf, targetModeOf, type TargetMode } from '../state/regionEdit';
import { useAppStore } from '../state/store';

const MODE_LABELS: Record<ClickMode, string> = {
  point: 'clicked pixel',
  component: 'connected blob of the class under the click',
  class: 'whole class',
};
const TARGET_LABELS: Record<TargetMode, string> = {
  region: 'the region',
  border: 'its object border (inner ring vs outer ring)',
  contrastive: 'its class rather than another',
};
const BASELINE_LABELS: Record<BaselineKind, string> = { mean: 'mean colour', black: 'black', blur: 'blurred image' };

/** What is explained (region, class, layer) and the settings every method shares (threshold, baseline). */
export function TargetControls() {
  const params = useAppStore((s) => s.params);
  const model = useAppStore((s) => s.model);
  const clickMode = useAppStore((s) => s.clickMode);
  const setClickMode = useAppStore((s) => s.setClickMode);
  const setParams = useAppStore((s) => s.setParams);
  const storedMode = useAppStore((s) => s.targetMode);
  const storedVersus = useAppStore((s) => s.versus);
  const setTargetMode = useAppStore((s) => s.setTargetMode);
  const setArea = useAppStore((s) => s.setArea);
  const layerName = params.layer ?? model?.defaultLayer ?? '';
  const area = params.region ? areaOf(params.region) : null;
  const isClick = area?.kind === 'point' || area?.kind === 'component' || area?.kind === 'class';
  const mode = isClick ? (area.kind as ClickMode) : clickMode;
  const targetMode = params.region ? targetModeOf(params.region) : storedMode;
  const versus = params.region?.kind === 'contrastive' ? params.region.versus : storedVersus;

  return (
    <fieldset className="controls">
      <legend>Region and layer</legend>
      <label>
        Region
        <select aria-label="Region" value={mode}
          onChange={(e) => {
            const next = e.target.value as ClickMode;
            setClickMode(next);
            // The clicked region on screen takes the new mode; with none yet, the next click uses it.
            if (area && isClick) setArea({ ...area, kind: next });
          }}
        >
          {CLICK_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
        </select>
      </label>
      <label>
        Explain
        <select aria-label="Explain" value={targetMode} onChange={(e) => setTargetMode(e.target.value as TargetMode)}>
          {(Object.keys(TARGET_LABELS) as TargetMode[]).map((m) => <option key={m} value={m}>{TARGET_LABELS[m]}</option>)}
        </select>
      </label>
      {targetMode === 'contrastive' && (
        <label>
          Rather than
          <select aria-label="Rather than" value={versus} onChange={(e) => setTargetMode('contrastive', Number(e.target.value))}>
            {model?.classes.map((c, i) => <option key={c.name} value={i}>{c.name}</option>)}
          </select>
        </label>
      )}
      <label>
        Class
        <select aria-label="Class" value={params.classIndex ?? ''} onChange={(e) => setParams({ classIndex: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">predicted at the click</option>
          {model?.classes.map((c, i) => <option key={c.name} value={i}>{c.name}</option>)}
        </select>
      </label>
      <label>
        Layer
        <select aria-label="Layer" value={layerName} onChange={(e) => setParams({ layer: e.target.value === model?.defaultLayer ? null : e.target.value })}>
          {model?.layers.map((l) => (
            <option key={l.name} value={l.name}>
              {l.label ? `${l.label}: ` : ''}{l.name} ({l.shape.join('×')}){l.name === model.defaultLayer ? ' · default' : ''}
            </option>
          ))}
        </select>
      </label>
      {model && model.bottleneck !== model.defaultLayer && layerName !== model.bottleneck && (
        <button type="button" className="link" onClick={() => setParams({ layer: model.bottleneck })}>
          Use the paper&apos;s layer (the bottleneck)
        </button>
      )}
      <label>
        Threshold
        <input aria-label="Threshold" type="range" min={0} max={1} step={0.05} value={params.threshold} onChange={(e) => setParams({ threshold: Number(e.target.value) })} />
        <output>{params.threshold.toFixed(2)}</output>
      </label>
      <label title="What hidden pixels become in RISE, Score-CAM and the sufficiency test.">
        Baseline
        <select aria-label="Baseline" value={params.baseline} onChange={(e) => setParams({ baseline: e.target.value as BaselineKind })}>
          {BASELINE_KINDS.map((b) => <option key={b} value={b}>{BASELINE_LABELS[b]}</option>)}
        </select>
      </label>
    </fieldset>
  );
}

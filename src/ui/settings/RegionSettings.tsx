import { areaOf, isClick, TARGET_MODES, targetModeOf, type TargetMode } from '../../regions/edit';
import { CLICK_KINDS, type ClickMode } from '../../regions/registry';
import { useAppStore } from '../../state/store';

/** What is explained: the region a click makes, the target (region, border, contrast) and the class. */
export function RegionSettings() {
  const params = useAppStore((s) => s.params);
  const model = useAppStore((s) => s.model);
  const clickMode = useAppStore((s) => s.clickMode);
  const setClickMode = useAppStore((s) => s.setClickMode);
  const setParams = useAppStore((s) => s.setParams);
  const storedMode = useAppStore((s) => s.targetMode);
  const storedVersus = useAppStore((s) => s.versus);
  const setTargetMode = useAppStore((s) => s.setTargetMode);
  const setArea = useAppStore((s) => s.setArea);
  const area = params.region ? areaOf(params.region) : null;
  const click = isClick(area) ? area : null;
  const mode = click ? (click.kind as ClickMode) : clickMode;
  const targetMode = params.region ? targetModeOf(params.region) : storedMode;
  const versus = params.region?.kind === 'contrastive' ? params.region.versus : storedVersus;

  return (
    <fieldset className="controls">
      <legend>What to explain</legend>
      <label>
        <span>Region</span>
        <select
          aria-label="Region"
          value={mode}
          onChange={(e) => {
            const next = e.target.value as ClickMode;
            setClickMode(next);
            // The clicked region on screen takes the new mode; with none yet, the next click uses it.
            if (click) setArea({ ...click, kind: next });
          }}
        >
          {CLICK_KINDS.map(({ mode: m, menu }) => (
            <option key={m} value={m}>
              {menu}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Explain</span>
        <select aria-label="Explain" value={targetMode} onChange={(e) => setTargetMode(e.target.value as TargetMode)}>
          {TARGET_MODES.map(({ mode: m, label }) => (
            <option key={m} value={m}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {targetMode === 'contrastive' && (
        <label>
          <span>Rather than</span>
          <select
            aria-label="Rather than"
            value={versus}
            onChange={(e) => setTargetMode('contrastive', Number(e.target.value))}
          >
            {model?.classes.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>Class</span>
        <select
          aria-label="Class"
          value={params.classIndex ?? ''}
          onChange={(e) => setParams({ classIndex: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">predicted in the region</option>
          {model?.classes.map((c, i) => (
            <option key={c.name} value={i}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

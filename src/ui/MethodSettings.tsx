import type { SettingValue } from '../core/settings';
import { anyMeta, type MethodId } from '../methods/registry';
import { useAppStore } from '../state/store';
import { SettingControl } from './SettingControl';
import { useLayerGrid } from './useLayerGrid';

/** The settings of each method on screen, drawn from the specs in its meta.ts. */
export function MethodSettings() {
  const shown = useAppStore((s) => s.params.methods);
  return (
    <>
      {shown.filter((id) => Object.keys(anyMeta(id).settings).length > 0).map((id) => <MethodSettingsGroup key={id} id={id} />)}
    </>
  );
}

function MethodSettingsGroup({ id }: { id: MethodId }) {
  const meta = anyMeta(id);
  const values = useAppStore((s) => s.params.settings[id]) as Record<string, SettingValue>;
  const setSettings = useAppStore((s) => s.setSettings);
  const { grid } = useLayerGrid();
  return (
    <fieldset className="controls">
      <legend>{meta.title}</legend>
      {Object.entries(meta.settings).map(([name, spec]) => (
        <SettingControl key={name} spec={spec} value={values[name] as SettingValue} siblings={values} grid={grid}
          onChange={(v) => setSettings(id, { [name]: v })} />
      ))}
    </fieldset>
  );
}

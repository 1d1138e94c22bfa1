import type { MethodNeeds } from '../../core/method';
import type { SettingValue } from '../../core/settings';
import { anyMeta, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useLayerGrid } from '../image/useLayerGrid';
import { SettingControl } from './SettingControl';

/** The settings of the methods on screen that match `which`, drawn from the specs in each meta.ts. */
export function MethodSettings({ which }: { which: (needs: MethodNeeds) => boolean }) {
  const shown = useAppStore((s) => s.params.methods);
  const ids = shown.filter((id) => which(anyMeta(id).needs) && Object.keys(anyMeta(id).settings).length > 0);
  return (
    <>
      {ids.map((id) => (
        <MethodSettingsGroup key={id} id={id} />
      ))}
    </>
  );
}

function MethodSettingsGroup({ id }: { id: MethodId }) {
  const meta = anyMeta(id);
  const values = useAppStore((s) => s.params.settings[id]) as Record<string, SettingValue>;
  const setSettings = useAppStore((s) => s.setSettings);
  const { grid } = useLayerGrid();
  return (
    <fieldset className="controls method-settings">
      <legend>{meta.title}</legend>
      {Object.entries(meta.settings).map(([name, spec]) => (
        <SettingControl
          key={name}
          spec={spec}
          value={values[name] as SettingValue}
          siblings={values}
          grid={grid}
          onChange={(v) => setSettings(id, { [name]: v })}
        />
      ))}
    </fieldset>
  );
}

import { useAppStore } from '../../state/store';
import { layerShapeText } from '../panels/layerText';

/** The layer whose activations the CAM methods read, with a way back to the paper's bottleneck. */
export function LayerSetting() {
  const model = useAppStore((s) => s.model);
  const layer = useAppStore((s) => s.params.layer);
  const setParams = useAppStore((s) => s.setParams);
  const layerName = layer ?? model?.defaultLayer ?? '';
  return (
    <>
      <label title="The layer whose activations and gradients the CAM methods combine.">
        <span>Layer</span>
        <select
          aria-label="Layer"
          value={layerName}
          onChange={(e) => setParams({ layer: e.target.value === model?.defaultLayer ? null : e.target.value })}
        >
          {model?.layers.map((l) => (
            <option key={l.name} value={l.name}>
              {l.label ? `${l.label}: ` : ''}
              {l.name} ({layerShapeText(l)}){l.name === model.defaultLayer ? ' · default' : ''}
            </option>
          ))}
        </select>
      </label>
      {model && model.bottleneck !== model.defaultLayer && layerName !== model.bottleneck && (
        <button type="button" className="link" onClick={() => setParams({ layer: model.bottleneck })}>
          Use the paper&apos;s layer (the bottleneck)
        </button>
      )}
    </>
  );
}

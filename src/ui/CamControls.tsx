import type { EdgeMode, PoolType, RegionMode } from '../state/params';
import { useAppStore } from '../state/store';
import { windowLabel, windowOptions } from './windowOptions';

/** Region, class, layer, pooling, window and threshold: the CAM side of the controls. */
export function CamControls() {
  const params = useAppStore((s) => s.params);
  const model = useAppStore((s) => s.model);
  const setParams = useAppStore((s) => s.setParams);
  const layerName = params.layer ?? model?.defaultLayer ?? '';
  const layer = model?.layers.find((l) => l.name === layerName);
  const grid: [number, number] = layer ? [layer.shape[0], layer.shape[1]] : [16, 16];
  const options = windowOptions(Math.max(...grid), params.window);
  const index = Math.max(0, options.indexOf(params.window >= Math.max(...grid) ? 0 : params.window));

  return (
    <fieldset className="controls">
      <legend>Region and layer</legend>
      <label>
        Region
        <select aria-label="Region"
          value={params.region?.mode ?? 'point'}
          onChange={(e) => {
            const mode = e.target.value as RegionMode;
            if (params.region) setParams({ region: { ...params.region, mode } });
            else setParams({ region: null });
          }}
        >
          <option value="point">clicked pixel</option>
          <option value="component">connected blob of the class under the click</option>
          <option value="class">whole class</option>
        </select>
      </label>
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
              {l.label ? `${l.label}: ` : ''}{l.name} ({l.shape.join('×')})
            </option>
          ))}
        </select>
      </label>
      <label>
        Pooling
        <select aria-label="Pooling" value={params.pool} onChange={(e) => setParams({ pool: e.target.value as PoolType })}>
          <option value="max">max</option>
          <option value="mean">mean</option>
        </select>
      </label>
      <label>
        Window size
        <input aria-label="Window size"
          type="range"
          min={0}
          max={options.length - 1}
          step={1}
          value={index}
          aria-valuetext={windowLabel(options[index] ?? 0, grid, params.pool)}
          onChange={(e) => setParams({ window: options[Number(e.target.value)] ?? 0 })}
        />
        <output>{windowLabel(options[index] ?? 0, grid, params.pool)}</output>
      </label>
      <label>
        Edges
        <select aria-label="Edges" value={params.edges} onChange={(e) => setParams({ edges: e.target.value as EdgeMode })}>
          <option value="valid">valid cells only (ours)</option>
          <option value="reference">zero-pad, as the paper's code</option>
        </select>
      </label>
      <label>
        Threshold
        <input aria-label="Threshold" type="range" min={0} max={1} step={0.05} value={params.threshold} onChange={(e) => setParams({ threshold: Number(e.target.value) })} />
        <output>{params.threshold.toFixed(2)}</output>
      </label>
    </fieldset>
  );
}

import { useAppStore } from '../state/store';
import { ExplanationPanel } from './ExplanationPanel';
import { RiseProgress } from './RiseProgress';

/** The three explanations side by side. */
export function Panels() {
  const target = useAppStore((s) => s.target);
  const model = useAppStore((s) => s.model);
  const pool = useAppStore((s) => s.params.pool);
  const rise = useAppStore((s) => s.params.rise);
  const win = target ? `${target.window[0]}×${target.window[1]}` : '';
  return (
    <section className="panels" aria-label="Explanations">
      {target && model && (
        <p className="hint target-line">
          Explaining class <strong>{model.classes[target.classIndex]?.name}</strong> over {target.regionPixels} output
          pixel{target.regionPixels === 1 ? '' : 's'}, layer grid {target.layerShape.join('×')}.
        </p>
      )}
      <div className="panel-row">
        <ExplanationPanel method="gradcam" title="Seg-Grad-CAM" subtitle="gradients averaged over the whole layer" />
        <ExplanationPanel method="xres" title="Seg-XRes-CAM" subtitle={`${pool}-pooled gradients, window ${win}`} />
        <ExplanationPanel method="rise" title="RISE" subtitle={`${rise.count} masks, s = ${rise.gridSize}, p = ${rise.keepProbability}`}>
          <RiseProgress />
        </ExplanationPanel>
      </div>
    </section>
  );
}

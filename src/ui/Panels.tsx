import { isJob } from '../core/method';
import { anyMeta } from '../methods/registry';
import { useAppStore } from '../state/store';
import { ExplanationPanel } from './ExplanationPanel';
import { JobProgress } from './JobProgress';

/** The methods on screen, side by side, in registry order. */
export function Panels() {
  const target = useAppStore((s) => s.target);
  const model = useAppStore((s) => s.model);
  const methods = useAppStore((s) => s.params.methods);
  return (
    <section className="panels" aria-label="Explanations">
      {target && model && (
        <p className="hint target-line">
          Explaining class <strong>{model.classes[target.classIndex]?.name}</strong> over {target.regionPixels} output
          pixel{target.regionPixels === 1 ? '' : 's'}{target.layerShape ? `, layer grid ${target.layerShape.join('×')}` : ''}.
        </p>
      )}
      {methods.length === 0 && <p className="hint">No method is on: pick one under Methods.</p>}
      <div className="panel-row">
        {methods.map((id) => (
          <ExplanationPanel key={id} id={id}>
            {isJob(anyMeta(id).needs) && <JobProgress id={id} />}
          </ExplanationPanel>
        ))}
      </div>
    </section>
  );
}

import { isJob } from '../../core/method';
import { anyMeta, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { ExplanationPanel } from './ExplanationPanel';
import { ReportButton } from '../export/ExportButtons';
import { JobProgress } from './JobProgress';
import { LinearLayerNote } from './LinearLayerNote';
import { TargetLine } from './TargetLine';
import { DifferencePanel } from '../linked/DifferencePanel';
import { WindowSweep } from './WindowSweep';
import { SanityCheck } from '../sanity/SanityCheck';
import { LayerSweep } from './LayerSweep';
import { FaithfulnessView } from '../faithfulness/FaithfulnessView';

/** A gradient method's settings of kind `window`: each gets a sweep under its panel (recombined, no network run). */
const windowSettings = (id: MethodId): string[] =>
  anyMeta(id).needs === 'gradients'
    ? Object.entries(anyMeta(id).settings).flatMap(([key, spec]) => (spec.kind === 'window' ? [key] : []))
    : [];

/** The methods on screen, side by side, in registry order. */
export function Panels() {
  const methods = useAppStore((s) => s.params.methods);
  return (
    <section className="panels" aria-label="Explanations">
      <TargetLine />
      <LinearLayerNote />
      {methods.length === 0 && <p className="hint">No method is on: pick one under Methods.</p>}
      {methods.length > 0 && <ReportButton />}
      <div className="panel-row">
        {methods.map((id) => (
          <ExplanationPanel key={id} id={id}>
            {isJob(anyMeta(id).needs) && <JobProgress id={id} />}
            {windowSettings(id).map((key) => (
              <WindowSweep key={key} id={id} setting={key} />
            ))}
          </ExplanationPanel>
        ))}
        <DifferencePanel />
      </div>
      {methods.length > 0 && <FaithfulnessView />}
      {methods.length > 0 && <LayerSweep />}
      {methods.length > 0 && <SanityCheck />}
    </section>
  );
}

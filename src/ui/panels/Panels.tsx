import { isJob } from '../../core/method';
import { anyMeta, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { ExplanationPanel } from './ExplanationPanel';
import { ReportButton } from '../export/ExportButtons';
import { JobProgress } from './JobProgress';
import { LinearLayerNote } from './LinearLayerNote';
import { DifferencePanel } from '../linked/DifferencePanel';
import { WindowSweep } from './WindowSweep';
import { SanityCheck } from '../sanity/SanityCheck';
import { FaithfulnessView } from '../faithfulness/FaithfulnessView';

/** A gradient method's settings of kind `window`: each gets a sweep under its panel (recombined, no network run). */
const windowSettings = (id: MethodId): string[] =>
  anyMeta(id).needs === 'gradients'
    ? Object.entries(anyMeta(id).settings).flatMap(([key, spec]) => (spec.kind === 'window' ? [key] : []))
    : [];

/** The methods on screen, side by side, in registry order. */
export function Panels() {
  const target = useAppStore((s) => s.target);
  const model = useAppStore((s) => s.model);
  const methods = useAppStore((s) => s.params.methods);
  const region = useAppStore((s) => s.params.region);
  return (
    <section className="panels" aria-label="Explanations">
      {target && model && (
        <p className="hint target-line">
          Explaining {region?.kind === 'border' ? 'the border of ' : ''}class{' '}
          <strong>{model.classes[target.classIndex]?.name}</strong>
          {region?.kind === 'contrastive' ? (
            <>
              {' '}
              rather than <strong>{model.classes[region.versus]?.name}</strong>
            </>
          ) : null}{' '}
          over {target.regionPixels} output pixel{target.regionPixels === 1 ? '' : 's'}
          {region?.kind === 'border' ? ' (inner ring, white; the outer ring, red, counts against)' : ''}
          {target.removedByClass > 0
            ? `; the intersection with the class removed ${target.removedByClass} drawn pixel${target.removedByClass === 1 ? '' : 's'}`
            : ''}
          {target.layerShape ? `, layer grid ${target.layerShape.join('×')}` : ''}.
        </p>
      )}
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
      {methods.length > 0 && <SanityCheck />}
    </section>
  );
}

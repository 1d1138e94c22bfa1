import { useId } from 'react';
import type { MethodCurves } from '../../core/faithfulness';
import type { MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { AucTable } from './AucTable';
import { CurvePlot } from './CurvePlot';
import { SufficiencyPlot } from './SufficiencyPlot';
import './faithfulness.css';

/**
 * "How faithful is each map?" A section under the panels: opened, it measures the deletion, insertion and
 * sufficiency curves of every map on screen (one cancellable job in the worker; a new region supersedes it) and draws
 * them with their areas.
 */
export function FaithfulnessView() {
  const controller = useController();
  const f = useAppStore((s) => s.faithfulness);
  const methods = useAppStore((s) => s.params.methods);
  const bodyId = useId();
  const entries = methods.flatMap((m): [MethodId, MethodCurves][] => {
    const c = f.curves[m];
    return c ? [[m, c]] : [];
  });
  return (
    <section className="faithfulness" aria-label="Faithfulness">
      <div className="faithfulness-head">
        <button
          type="button"
          className="faithfulness-toggle"
          aria-expanded={f.open}
          aria-controls={bodyId}
          onClick={() => controller.explainer.openCurves(!f.open)}
        >
          <span aria-hidden="true">{f.open ? '▾' : '▸'}</span> Faithfulness
        </button>
        <span className="hint">Deletion, insertion and sufficiency curves of every map on screen.</span>
      </div>
      {f.open && (
        <div id={bodyId} className="faithfulness-body" aria-busy={f.status === 'running'}>
          <CurvesStatus />
          {entries.length > 0 && (
            <>
              <AucTable entries={entries} controls={f.controls} />
              <div className="plots">
                <CurvePlot kind="deletion" entries={entries} controls={f.controls} />
                <CurvePlot kind="insertion" entries={entries} controls={f.controls} />
                <SufficiencyPlot entries={entries} threshold={f.threshold} controls={f.controls} />
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** Where the curves job stands: waiting for the maps, measuring (with Cancel), cancelled, failed, or done. */
function CurvesStatus() {
  const controller = useController();
  const f = useAppStore((s) => s.faithfulness);
  const region = useAppStore((s) => s.params.region);
  const baseline = useAppStore((s) => s.params.baseline);
  if (!region) return <p className="hint">Click the image to explain a region first.</p>;
  switch (f.status) {
    case 'running':
      return (
        <div className="row">
          <progress
            max={f.progress?.total ?? 1}
            value={f.progress?.done ?? 0}
            aria-label="Faithfulness curves progress"
          />
          <span className="hint">{f.progress ? `${f.progress.done} / ${f.progress.total} images` : 'starting…'}</span>
          <button
            type="button"
            aria-label="Cancel the faithfulness curves"
            onClick={() => controller.explainer.cancelCurves()}
          >
            Cancel
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <p className="hint row">
          Cancelled.{' '}
          <button type="button" onClick={() => controller.explainer.rerunCurves()}>
            Measure again
          </button>
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error">
          The curves failed: {f.error}{' '}
          <button type="button" onClick={() => controller.explainer.rerunCurves()}>
            Try again
          </button>
        </p>
      );
    case 'done':
      return (
        <p className="hint">
          Each map ranks the pixels; deletion replaces the top 0%, 5%, … 100% of pixels with the {baseline} baseline,
          insertion restores them, and the model’s mean class probability over the region is read after each step (n =
          20). Dashed and faint lines: the controls (a random map, the image’s edges, each map blurred), measured the
          same way.
        </p>
      );
    default:
      return <p className="hint">Waiting for the maps on screen…</p>;
  }
}

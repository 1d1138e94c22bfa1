import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { anyMeta } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { EmprtReadout } from './EmprtReadout';
import { RhoPlot } from './RhoPlot';
import { SanityRows } from './SanityRows';
import './sanity.css';

/**
 * "Does the map depend on the weights?": cascading parameter randomisation (Adebayo et al. 2018; docs/METHOD.md,
 * "Sanity
 * check") for the gradient methods on screen, as rows of small maps per step and a plot of Spearman's ρ against the
 * original map. A model whose weights cannot be swapped says why instead of offering the button.
 */
export function SanityCheck() {
  const controller = useController();
  const runner = controller.sanity;
  const view = useStore(runner.view);
  const model = useAppStore((s) => s.model);
  const target = useAppStore((s) => s.target);
  const region = useAppStore((s) => s.params.region);
  const image = useAppStore((s) => s.image?.bitmap ?? null);
  const gradientMethods = useAppStore((s) => s.params.methods).filter((id) => anyMeta(id).needs === 'gradients');
  const [open, setOpen] = useState(false);
  const headingId = useId();
  if (!model) return null;
  if (model.sanityUnavailable) {
    return (
      <section className="sanity" aria-label="Sanity check">
        <p className="hint" role="note">
          {model.sanityUnavailable}
        </p>
      </section>
    );
  }
  const running = view.status === 'running';
  const why =
    !region || !target
      ? 'Click the image first: the check explains the current region.'
      : gradientMethods.length === 0
        ? 'Turn on a gradient method (Seg-Grad-CAM, Seg-XRes-CAM…): the check recomputes their maps.'
        : null;
  const start = () => {
    setOpen(true);
    if (view.status !== 'running' && view.status !== 'done') void runner.run();
  };
  const done = view.steps.length;
  return (
    <section
      className="sanity"
      aria-labelledby={open ? headingId : undefined}
      aria-label={open ? undefined : 'Sanity check'}
      data-status={view.status}
    >
      <div className="row">
        <button
          type="button"
          className="sanity-open"
          onClick={start}
          disabled={why !== null}
          title={why ?? 'Randomise the weights layer by layer from the output down and recompute the maps'}
          aria-expanded={open}
        >
          Does the map depend on the weights?
        </button>
        {why && <span className="hint">{why}</span>}
      </div>
      {open && (
        <div className="sanity-body">
          <div className="sanity-head">
            <h3 id={headingId}>Sanity check: cascading weight randomisation</h3>
            <button type="button" className="link" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <p className="hint">
            Each step replaces the weights of more layers, from the output down, with random draws (normal, each
            tensor&apos;s own σ, seeded) and recomputes the map for the same target. A map that still looks like the
            original once the weights are random explains the image, not the model (Adebayo et al., 2018). ρ:
            Spearman&apos;s rank correlation with the original map (1 = unchanged; near 0 = unrelated; lower is what a
            weight-sensitive map should show). ρ counts every pixel: two maps that stay at zero over the same large area
            agree there, so a map confined to the region&apos;s neighbourhood keeps a high ρ.
          </p>
          <div className="row sanity-controls">
            <label>
              Seed{' '}
              <input
                type="number"
                min={0}
                max={1_000_000}
                step={1}
                value={view.seed}
                disabled={running}
                onChange={(e) =>
                  Number.isFinite(e.target.valueAsNumber) &&
                  runner.setSeed(Math.max(0, Math.round(e.target.valueAsNumber)))
                }
              />
            </label>
            {running ? (
              <>
                <progress max={Math.max(1, view.total)} value={done} aria-label="Sanity check progress">
                  {done}/{view.total}
                </progress>
                <span className="hint" aria-live="polite">
                  {view.total ? `step ${done} of ${view.total}` : 'starting…'}
                </span>
                <button type="button" onClick={() => runner.cancel()}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" onClick={() => void runner.run()} disabled={why !== null}>
                {view.status === 'idle' ? 'Run' : 'Run again'}
              </button>
            )}
            {view.status === 'done' && view.ms !== null && (
              <span className="hint">
                {view.total - 1} steps at layer {view.layer} in {(view.ms / 1000).toFixed(1)} s
              </span>
            )}
            {view.status === 'cancelled' && (
              <span className="hint">
                Cancelled after {done} of {view.total} steps.
              </span>
            )}
          </div>
          {view.status === 'error' && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
          {view.status === 'idle' && !why && (
            <p className="hint">The region, class, layer or a setting changed: run the check again for the new map.</p>
          )}
          {view.steps.length > 0 && (
            <>
              <SanityRows steps={view.steps} methods={view.methods} total={view.total} image={image} />
              <RhoPlot steps={view.steps} methods={view.methods} total={view.total} />
              <EmprtReadout steps={view.steps} methods={view.methods} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { LayerSweepRow } from '../../engine/protocol';
import { anyMeta, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { MapThumb, short } from './MapThumb';
import { layerShapeText } from './layerText';

/**
 * The layer sweep: for the current region, every gradient method on screen at a spread of the model's layers, each map
 * with its relevance mass in the region and its sufficiency Dice; a click on a row explains that layer.
 */
export function LayerSweep() {
  const controller = useController();
  const runner = controller.layerSweep;
  const view = useStore(runner.view);
  const model = useAppStore((s) => s.model);
  const target = useAppStore((s) => s.target);
  const region = useAppStore((s) => s.params.region);
  const layer = useAppStore((s) => s.params.layer ?? s.model?.defaultLayer ?? null);
  const threshold = useAppStore((s) => s.params.threshold);
  const setParams = useAppStore((s) => s.setParams);
  const image = useAppStore((s) => s.image?.bitmap ?? null);
  const gradientMethods = useAppStore((s) => s.params.methods).filter((id) => anyMeta(id).needs === 'gradients');
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const headingId = useId();
  if (!model || model.layers.length < 2) return null;
  const running = view.status === 'running';
  const why =
    !region || !target
      ? 'Click the image first: the sweep explains the current region.'
      : gradientMethods.length === 0
        ? 'Turn on a gradient method (Seg-Grad-CAM, Seg-XRes-CAM…): the sweep recomputes their maps.'
        : null;
  const count = all ? model.layers.length : runner.candidates(false).length;
  const start = () => {
    setOpen(true);
    if (view.status !== 'running' && view.status !== 'done') void runner.run(all);
  };
  const info = new Map(model.layers.map((l) => [l.name, l]));
  const diceText = (layer: string, id: MethodId) =>
    view.dice ? short(view.dice[layer]?.[id] ?? NaN) : running ? 'computing' : 'not measured';
  const readings = (row: LayerSweepRow) =>
    view.methods
      .map((id) => `${anyMeta(id).title} mass ${short(row.mass[id] ?? NaN)}, Dice ${diceText(row.layer, id)}`)
      .join('; ');
  return (
    <section
      className="layer-sweep sanity"
      aria-labelledby={open ? headingId : undefined}
      aria-label={open ? undefined : 'Layer sweep'}
      data-status={view.status}
    >
      <div className="row">
        <button
          type="button"
          className="sanity-open"
          onClick={start}
          disabled={why !== null}
          title={why ?? 'The gradient methods at several layers, for this region'}
          aria-expanded={open}
        >
          Which layer? Compare layers
        </button>
        {why && <span className="hint">{why}</span>}
      </div>
      {open && (
        <div className="sanity-body">
          <div className="sanity-head">
            <h3 id={headingId}>Layer sweep</h3>
            <button type="button" className="link" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <p className="hint">
            The layer changes the answer: each row is the same region explained at another layer, with each map&apos;s
            relevance mass on the object the region lies on (m: the predicted blob under it) and its sufficiency Dice at
            t = {threshold.toFixed(2)} (D). Click a row to explain that layer. Rows follow the layer list (a bundled
            model lists the paper&apos;s bottleneck first); a transformer&apos;s token layers are shown on their patch
            grid.
          </p>
          <div className="row sanity-controls">
            <label title="Every layer of the model, not a spread of them (slower)">
              <input type="checkbox" checked={all} disabled={running} onChange={(e) => setAll(e.target.checked)} />
              every layer ({model.layers.length})
            </label>
            {running ? (
              <>
                <progress
                  max={Math.max(1, view.layers.length)}
                  value={view.rows.length}
                  aria-label="Layer sweep progress"
                >
                  {view.rows.length}/{view.layers.length}
                </progress>
                <span className="hint" aria-live="polite">
                  layer {view.rows.length} of {view.layers.length}
                </span>
                <button type="button" onClick={() => runner.cancel()}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" onClick={() => void runner.run(all)} disabled={why !== null}>
                {view.status === 'idle' ? `Run ${count} layers` : `Run ${count} layers again`}
              </button>
            )}
            {view.status === 'done' && view.ms !== null && (
              <span className="hint">
                {view.rows.length} layers in {(view.ms / 1000).toFixed(1)} s
                {view.onePass ? ', gradients from one backward pass' : ', one backward pass per layer'}
              </span>
            )}
            {view.status === 'cancelled' && <span className="hint">Cancelled.</span>}
          </div>
          {view.error && (
            <p role="alert" className="error">
              {view.error}
            </p>
          )}
          {view.rows.length > 0 && (
            <div className="layer-sweep-header" aria-hidden="true">
              <span>layer</span>
              <span>grid</span>
              <span className="layer-sweep-maps">
                {view.methods.map((id) => (
                  <span key={id}>{anyMeta(id).title}</span>
                ))}
              </span>
            </div>
          )}
          {view.rows.length > 0 && (
            <ul className="layer-sweep-rows" aria-label="Layers">
              {view.rows.map((row) => {
                const l = info.get(row.layer);
                return (
                  <li key={row.layer}>
                    <button
                      type="button"
                      aria-pressed={row.layer === layer}
                      onClick={() => setParams({ layer: row.layer === model.defaultLayer ? null : row.layer })}
                      aria-label={
                        `${l?.label ? `${l.label}: ` : ''}${row.layer}` +
                        `${row.layer === model.defaultLayer ? ' · default' : ''}, ` +
                        `${l ? layerShapeText(l) : row.shape.join('×')}: ` +
                        readings(row)
                      }
                    >
                      <span className="layer-sweep-name" title={row.layer}>
                        {l?.label ? `${l.label}: ` : ''}
                        {row.layer}
                        {row.layer === model.defaultLayer ? ' · default' : ''}
                      </span>
                      <span className="hint">{l ? layerShapeText(l) : row.shape.join('×')}</span>
                      <span className="layer-sweep-maps">
                        {view.methods.map((id) => {
                          const map = row.maps[id];
                          return (
                            <span key={id} className="layer-sweep-cell" title={anyMeta(id).title}>
                              {map && <MapThumb map={map} image={image} />}
                              <span>m {short(row.mass[id] ?? NaN)}</span>
                              <span>
                                D {view.dice ? short(view.dice[row.layer]?.[id] ?? NaN) : running ? '…' : '—'}
                              </span>
                            </span>
                          );
                        })}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {view.rows.length > 0 && (
            <p className="hint">
              Columns: {view.methods.map((id) => anyMeta(id).title).join(', ')}. Score-CAM and RISE are left out:
              Score-CAM runs a forward pass per channel at each layer, and RISE does not depend on the layer.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

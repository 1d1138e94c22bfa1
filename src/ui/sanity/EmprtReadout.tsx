import { anyMeta, type MethodId } from '../../methods/registry';
import type { SanityStep } from '../../engine/protocol';
import { formatRho } from './sanityText';

/** What eMPRT means and which way is better: the label's tooltip. */
export const EMPRT_HELP =
  'eMPRT (efficient model-parameter randomisation test, Hedström et al. 2023): the relative rise in the map’s ' +
  'entropy from the trained model to the fully randomised one (the last step), (H_random − H_trained) / H_trained, ' +
  'with H the Shannon entropy of the map read as a distribution over its pixels (nats). Higher is better: a map ' +
  'that depends on the model turns into noise when the model does. Near 0 or negative: the random model’s map is ' +
  'as concentrated as the trained one’s. — when a map is all zero or lies on one pixel.';

/** eMPRT per gradient method, once the cascade's last step (every weight random) has arrived. */
export function EmprtReadout({ steps, methods }: { steps: readonly SanityStep[]; methods: readonly MethodId[] }) {
  const last = steps.find((s) => s.emprt !== undefined);
  if (!last?.emprt) return null;
  return (
    <dl className="sanity-emprt readouts" aria-label="eMPRT">
      {methods.map((id) => {
        const e = last.emprt?.[id];
        return (
          <div className="readout" key={id} data-method={id}>
            <dt>
              <span className="tip" title={EMPRT_HELP} tabIndex={0}>
                eMPRT, {anyMeta(id).title}
              </span>
            </dt>
            <dd data-testid={`emprt-${id}`}>
              {formatRho(e?.rise)}
              {e && Number.isFinite(e.original) && Number.isFinite(e.randomised) && (
                <span className="hint">
                  {' '}
                  (H {e.original.toFixed(2)} → {e.randomised.toFixed(2)} nats)
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

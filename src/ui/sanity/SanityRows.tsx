import type { HeatMap } from '../../core/results';
import { anyMeta, type MethodId } from '../../methods/registry';
import { drawHeatmap } from '../../render/overlay';
import type { SanityStep } from '../../engine/protocol';
import { useCanvas } from '../image/useCanvas';
import { formatRho, randomisedSoFar, stepLabel, stepTitle } from './sanityText';

const THUMB = 72;

function Thumb({ map, image }: { map: HeatMap | undefined; image: ImageBitmap | null }) {
  const ref = useCanvas((ctx) => drawHeatmap(ctx, image, map ?? null, 0.7), [map, image]);
  return <canvas ref={ref} width={THUMB} height={THUMB} aria-hidden="true" />;
}

/** One row of small maps per gradient method: the original, then the map after each step, with its ρ. */
export function SanityRows({
  steps,
  methods,
  total,
  image,
}: {
  steps: readonly SanityStep[];
  methods: readonly MethodId[];
  total: number;
  image: ImageBitmap | null;
}) {
  const ordered = [...steps].sort((a, b) => a.step - b.step);
  const pending = Math.max(0, total - ordered.length);
  return (
    <div className="sanity-rows">
      {methods.map((id) => {
        const title = anyMeta(id).title;
        return (
          <section
            key={id}
            className="sanity-method"
            aria-label={`${title} after each randomisation step`}
            data-method={id}
          >
            <h4>{title}</h4>
            <ol className="sanity-row">
              {ordered.map((st) => {
                const label = stepLabel(ordered, st.step);
                const rho = formatRho(st.spearman[id]);
                const empty = st.maps[id]?.positive === false;
                return (
                  <li key={st.step} data-step={st.step} title={stepTitle(ordered, st.step)}>
                    <figure
                      aria-label={
                        `Step ${st.step}, ${st.step === 0 ? 'original weights' : `random: ${label}`}, ρ ${rho}` +
                        (empty ? ', no positive evidence' : '')
                      }
                    >
                      <Thumb map={st.maps[id]} image={image} />
                      <figcaption>
                        <span className="sanity-step">{st.step === 0 ? 'original' : `step ${st.step}`}</span>
                        <span className="sanity-layers">
                          {st.step === 0
                            ? 'trained'
                            : st.step === 1
                              ? label
                              : `→ ${randomisedSoFar(ordered, st.step).at(-1) ?? ''}`}
                        </span>
                        <span className="sanity-rho">
                          ρ {rho}
                          {empty ? ' (empty)' : ''}
                        </span>
                      </figcaption>
                    </figure>
                  </li>
                );
              })}
              {Array.from({ length: pending }, (_, i) => (
                <li key={`pending-${i}`} className="pending" aria-hidden="true">
                  <div className="sanity-placeholder" />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

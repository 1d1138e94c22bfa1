import { useStore } from 'zustand';
import { ROBUSTNESS_DRAWS, ROBUSTNESS_SIGMA } from '../../core/robustness';
import type { MethodId } from '../../methods/registry';
import { useController } from '../shell/ControllerContext';

/** What the robustness read-out means, which way is better and what it costs: the label's tooltip. */
export const ROBUSTNESS_HELP =
  `Robustness to input noise: the map is recomputed on ${ROBUSTNESS_DRAWS} copies of the image with Gaussian noise ` +
  `(σ = ${ROBUSTNESS_SIGMA * 100}% of the image’s value range, seeded), and this is the mean Pearson correlation of ` +
  'the map with each noisy map. Higher is better: 1 = the noise changes nothing; near 0 = the map is noise-driven. ' +
  `On demand: it costs ${ROBUSTNESS_DRAWS + 1} forward + backward passes, shared by every gradient method on screen.`;

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3).replace('-', '−') : '—');

/** The robustness read-out of one gradient method: a button until measured, then the mean r. */
export function RobustnessValue({ id }: { id: MethodId }) {
  const runner = useController().robustness;
  const view = useStore(runner.view);
  const mine = view.result?.methods[id];
  if (view.status === 'running')
    return (
      <span className="hint" aria-live="polite">
        measuring… {view.done}/{view.total}
      </span>
    );
  if (view.status === 'done' && mine)
    return (
      <span
        data-testid={`robustness-${id}`}
        title={
          `r per draw: ${mine.values.map(fmt).join(', ')}; ${view.done} passes in ` +
          `${((view.result?.ms ?? 0) / 1000).toFixed(1)} s`
        }
      >
        r {fmt(mine.mean)}
      </span>
    );
  return (
    <>
      <button type="button" className="link" onClick={() => void runner.run()} title={ROBUSTNESS_HELP}>
        Measure
      </button>
      {view.status === 'error' && (
        <span role="alert" className="error">
          {' '}
          {view.error}
        </span>
      )}
    </>
  );
}

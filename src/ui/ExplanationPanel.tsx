import type { ReactNode } from 'react';
import { drawHeatmap } from '../render/overlay';
import type { Method } from '../state/resultsSlice';
import { useAppStore } from '../state/store';
import { Legend } from './Legend';
import { displaySize, useCanvas } from './useCanvas';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** One explanation: the heat map over the image, its legend, its state and its sufficiency read-out. */
export function ExplanationPanel({ method, title, subtitle, children }: { method: Method; title: string; subtitle: string; children?: ReactNode }) {
  const result = useAppStore((s) => s.results[method]);
  const image = useAppStore((s) => s.image);
  const threshold = useAppStore((s) => s.params.threshold);
  const [w, h] = image ? displaySize(image.bitmap.width, image.bitmap.height, 280) : [280, 280];
  const ref = useCanvas((ctx) => drawHeatmap(ctx, image?.bitmap ?? null, result.map, 0.7), [image, result.map, w, h]);
  const titleId = `panel-${method}`;

  return (
    <figure className="panel" aria-labelledby={titleId} aria-busy={result.status === 'running'} data-status={result.status}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        <span className="hint">{subtitle}</span>
      </figcaption>
      <canvas ref={ref} width={w} height={h} aria-label={`${title} heat map`} />
      <Legend />
      <StatusLine status={result.status} error={result.error} positive={result.map?.positive ?? true} />
      {children}
      <p className="sufficiency" aria-live="polite">
        {result.sufficiency
          ? `Sufficiency at t = ${threshold.toFixed(2)}: Dice ${result.sufficiency.dice.toFixed(3)}, ${pct(result.sufficiency.retained)} of the image retained`
          : result.status === 'done'
            ? 'Sufficiency: computing…'
            : 'Sufficiency: —'}
      </p>
    </figure>
  );
}

function StatusLine({ status, error, positive }: { status: string; error: string | null; positive: boolean }) {
  if (status === 'error') return <p role="alert" className="error">{error}</p>;
  if (status === 'running') return <p className="hint">Computing…</p>;
  if (status === 'cancelled') return <p className="hint">Cancelled.</p>;
  if (status === 'idle') return <p className="hint">Click the image to explain a region.</p>;
  if (!positive) return <p className="hint">No positive evidence: the map is zero everywhere at this layer.</p>;
  return null;
}

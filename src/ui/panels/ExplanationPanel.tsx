import type { ReactNode } from 'react';
import type { SettingValues } from '../../core/settings';
import { smoothCopies } from '../../core/smoothGrad';
import { anyMeta, type MethodId } from '../../methods/registry';
import { drawOutline } from '../../render/overlay';
import { useAppStore } from '../../state/store';
import { PanelPngButton } from '../export/ExportButtons';
import { MethodInfoButton } from '../help/MethodInfoButton';
import { Legend } from '../image/Legend';
import { emptyMapText, smoothGradText } from './panelText';
import { MapReadouts } from './MapReadouts';
import { DisplayControls } from '../linked/DisplayControls';
import { LinkedMap } from '../linked/LinkedMap';
import { LinkedStage } from '../linked/LinkedStage';
import { displaySize } from '../image/useCanvas';
import { useLayerGrid } from '../image/useLayerGrid';

/** The outline of a job's sufficient region: amber, apart from the region's white and the border ring's red. */
const SUFFICIENT_OUTLINE = '#ffc107';

/** One explanation: the heat map over the image, its legend, its state and its sufficiency read-out. */
export function ExplanationPanel({ id, children }: { id: MethodId; children?: ReactNode }) {
  const meta = anyMeta(id);
  const result = useAppStore((s) => s.results[id]);
  const settings = useAppStore((s) => s.params.settings[id]);
  const smooth = smoothGradText(
    meta.needs,
    useAppStore((s) => smoothCopies(s.params.smoothGrad)),
  );
  const image = useAppStore((s) => s.image);
  const target = useAppStore((s) => s.target);
  const { grid } = useLayerGrid();
  const [w, h] = image ? displaySize(image.bitmap.width, image.bitmap.height, 280) : [280, 280];
  // Drawn over the map through the shared zoom (components in ./linked: crosshair, zoom, opacity).
  const decorate = (ctx: CanvasRenderingContext2D) => {
    // The explained region, outlined on every panel as on the image.
    if (target && result.map) drawOutline(ctx, target.mask, target.maskSize);
    if (target?.ring && result.map) drawOutline(ctx, target.ring, target.maskSize, '#ff5252');
    // A job's sufficient region (MiSuRe), in amber: what stage 1 kept before stage 2 shrank it to the map.
    const found = result.status === 'done' ? result.regions?.sufficient : undefined;
    if (found) drawOutline(ctx, found.mask, found.size, SUFFICIENT_OUTLINE);
    // User timing: npm run bench:browser measures input → drawn map from these marks.
    if (result.map) performance.mark('segexplain:paint', { detail: id });
  };
  const titleId = `panel-${id}`;
  const shownGrid = target?.layerShape ? ([target.layerShape[0], target.layerShape[1]] as const) : target ? grid : null;

  return (
    <figure
      className="panel"
      aria-labelledby={titleId}
      aria-busy={result.status === 'running'}
      data-status={result.status}
      data-method={id}
    >
      <figcaption>
        <PanelPngButton id={id} />
        <MethodInfoButton id={id} />
        <h2 id={titleId} title={meta.description}>
          {meta.title}
        </h2>
        <span className="hint">
          {meta.summary(settings as SettingValues<typeof meta.settings>, shownGrid)}
          {smooth && <span data-testid="smoothgrad-note"> · {smooth}</span>}
        </span>
      </figcaption>
      <LinkedStage surface="panel" width={w} height={h} label={`${meta.title} view`} map={result.map}>
        <LinkedMap
          viewKey={id}
          label={`${meta.title} heat map`}
          width={w}
          height={h}
          image={image?.bitmap ?? null}
          map={result.map}
          colour="turbo"
          decorate={decorate}
          decorateDeps={[target, result.regions]}
        />
      </LinkedStage>
      <DisplayControls viewKey={id} title={meta.title} />
      <Legend />
      <StatusLine
        status={result.status}
        error={result.error}
        empty={result.map?.positive === false ? emptyMapText(meta.needs) : null}
      />
      {children}
      <MapReadouts id={id} />
    </figure>
  );
}

function StatusLine({ status, error, empty }: { status: string; error: string | null; empty: string | null }) {
  if (status === 'error')
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (status === 'running') return <p className="hint">Computing…</p>;
  if (status === 'cancelled') return <p className="hint">Cancelled.</p>;
  if (status === 'idle') return <p className="hint">Click the image to explain a region.</p>;
  if (empty) return <p className="hint">{empty}</p>;
  return null;
}

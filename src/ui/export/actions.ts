import type { MethodId } from '../../methods/registry';
import { anyMeta } from '../../methods/registry';
import { canvasToPng, renderPanelPng } from '../../render/panelPng';
import { shareLink } from '../../state/shareLink';
import type { AppState } from '../../state/store';
import { pngFileName, reportFileName, reportFiles, zipReport } from './report';
import { faithfulnessExtra } from '../faithfulness/reportCurves';
import { mergeExtras } from './onDemandExtra';
import { exportView, finishedMap, panelLines, pngCaption, stamp } from './view';

/** Saves bytes as a file the normal way: an object URL on an <a download>, clicked. */
export function downloadBytes(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A panel's picture as PNG bytes, or null when its map is not finished. */
export async function panelPng(state: AppState, id: MethodId, created: Date): Promise<Uint8Array | null> {
  const map = finishedMap(state.results[id]);
  if (!map) return null;
  const view = exportView(state);
  const bitmap = state.image?.bitmap ?? null;
  const canvas = renderPanelPng({
    image: bitmap,
    imageSize: bitmap ? [bitmap.width, bitmap.height] : [map.size[1], map.size[0]],
    map,
    region: state.target ? { mask: state.target.mask, ring: state.target.ring, size: state.target.maskSize } : null,
    title: anyMeta(id).title,
    stamp: stamp(created),
    lines: panelLines(view, id),
    caption: pngCaption(Boolean(state.target?.ring)),
  });
  return canvasToPng(canvas);
}

export async function downloadPanelPng(state: AppState, id: MethodId): Promise<void> {
  const created = new Date();
  const png = await panelPng(state, id, created);
  if (!png) throw new Error(`${anyMeta(id).title} has no finished map`);
  downloadBytes(png, pngFileName(exportView(state), id, created), 'image/png');
}

/** The whole view as a zip: maps, region mask, parameters and link, metrics, panel pictures. */
export async function downloadReport(state: AppState, onDemand: Parameters<typeof mergeExtras>[0] = {}): Promise<void> {
  const created = new Date();
  const view = exportView(state);
  const pngs: Partial<Record<MethodId, Uint8Array>> = {};
  for (const id of view.params.methods) {
    const png = await panelPng(state, id, created);
    if (png) pngs[id] = png;
  }
  const link = shareLink(view.params, `${location.origin}${location.pathname}`);
  // The Faithfulness view's curves and AUCs, where measured (they always belong to the maps on screen), and the
  // read-outs measured on demand (robustness, eMPRT), which their runners clear when the view changes.
  const zip = zipReport(
    reportFiles({ view, link, created, pngs, extra: mergeExtras(faithfulnessExtra(state.faithfulness), onDemand) }),
    created,
  );
  downloadBytes(zip, reportFileName(view, created), 'application/zip');
}

import type { BackendName } from '../../core/kinds';
import { usesLayer } from '../../core/method';
import type { ModelDescriptor } from '../../core/modelInfo';
import { sufficiencyNotApplicable } from '../../core/readouts';
import type { ExplainedTarget, SufficiencyReading } from '../../core/results';
import type { SettingValues } from '../../core/settings';
import { anyMeta, type MethodId } from '../../methods/registry';
import { describeRegion } from '../../regions/describe';
import type { ViewParams } from '../../state/params';
import { smoothCopies } from '../../core/smoothGrad';
import { smoothGradText } from '../panels/panelText';
import type { MethodResult } from '../../state/resultsSlice';
import type { AppState } from '../../state/store';

/** What an export reads of the app: plain data, so that the report is assembled and tested without a browser. */
export interface ExportView {
  params: ViewParams;
  model: ModelDescriptor | null;
  image: { id: string; name: string; originalSize: [number, number] } | null;
  target: ExplainedTarget | null;
  results: Record<MethodId, MethodResult>;
  backend: BackendName | null;
}

export function exportView(s: AppState): ExportView {
  return {
    params: s.params,
    model: s.model,
    image: s.image ? { id: s.image.id, name: s.image.name, originalSize: s.image.originalSize } : null,
    target: s.target,
    results: s.results,
    backend: s.engine.backend,
  };
}

/** A region in words: each kind says it (regions/<kind>/kind.ts). */
export { describeRegion };

/** The layer a method explained: the store's target knows its shape; the model lists the rest. */
function layerOf(view: ExportView): { name: string; shape: [number, number, number] | null } {
  const name = view.params.layer ?? view.model?.defaultLayer ?? '';
  const shape = view.target?.layerShape ?? view.model?.layers.find((l) => l.name === name)?.shape ?? null;
  return { name, shape };
}

/** The labels of a panel picture's parameter lines: always these, so the picture's size depends on the image only. */
export const PNG_LINE_LABELS = ['Settings', 'Region', 'Class', 'Layer', 'Model', 'Image', 'Sufficiency'] as const;

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** "Dice 0.750, 50.0 % retained, confidence kept 0.900"; a value that is n/a (core/readouts.ts) says so, no number. */
function sufficiencyText(suff: SufficiencyReading, mapIsZero: boolean): string {
  const na = sufficiencyNotApplicable(suff, mapIsZero);
  const dice = na.dice ? `Dice n/a (${na.dice.reason})` : `Dice ${suff.dice.toFixed(3)}`;
  const kept = (suff as { confidenceKept?: unknown }).confidenceKept;
  const confidence =
    na.confidence && !na.dice
      ? `, confidence kept n/a (${na.confidence.reason})`
      : !na.confidence && typeof kept === 'number' && Number.isFinite(kept)
        ? `, confidence kept ${kept.toFixed(3)}`
        : '';
  return `${dice}, ${pct(suff.retained)} retained${confidence}`;
}

/** The parameters burned into a panel's picture, one line per label of PNG_LINE_LABELS. */
export function panelLines(view: ExportView, id: MethodId): { label: string; value: string }[] {
  const meta = anyMeta(id);
  const { params, model, target, image } = view;
  const layer = layerOf(view);
  const grid = layer.shape ? ([layer.shape[0], layer.shape[1]] as const) : null;
  const settings = meta.summary(params.settings[id] as SettingValues<typeof meta.settings>, grid);
  const pixels = target ? ` · ${target.regionPixels} output pixel${target.regionPixels === 1 ? '' : 's'}` : '';
  const region = params.region ? `${describeRegion(params.region, model?.classes)}${pixels}` : '—';
  const predicted = params.classIndex === null ? ', predicted at the region' : '';
  const cls = target
    ? `${model?.classes[target.classIndex]?.name ?? 'class'} (index ${target.classIndex})${predicted}`
    : '—';
  const layerText = !usesLayer(meta.needs)
    ? 'none: perturbs the input'
    : `${layer.name}${layer.shape ? ` (${layer.shape.join('×')})` : ''}`;
  const modelText = `${model?.title ?? params.model}${view.backend ? ` · ${view.backend}` : ''}`;
  const imageText = image ? `${image.name} (${image.originalSize[0]}×${image.originalSize[1]})` : '—';
  const suff = view.results[id].sufficiency;
  const at = `t = ${params.threshold.toFixed(2)}, baseline ${params.baseline}`;
  const sufficiency = suff
    ? `${sufficiencyText(suff, view.results[id].map?.positive === false)} (${at})`
    : `not known yet (${at})`;
  const smooth = smoothGradText(meta.needs, smoothCopies(params.smoothGrad));
  const values: Record<(typeof PNG_LINE_LABELS)[number], string> = {
    Settings: smooth ? `${settings} · ${smooth}` : settings,
    Region: region,
    Class: cls,
    Layer: layerText,
    Model: modelText,
    Image: imageText,
    Sufficiency: sufficiency,
  };
  return PNG_LINE_LABELS.map((label) => ({ label, value: values[label] }));
}

/** "SegExplain · 2025-06-01 14:03" in the user's local time. */
export function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
  return `SegExplain · ${day} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** The line under the colour bar; a border target's outer ring (drawn red) is named. */
export function pngCaption(ring: boolean): string {
  return ring
    ? 'Relevance (min–max per map, Turbo); white outline: the region; red: its outer ring, counted against'
    : 'Relevance, min–max normalised per map (Turbo colour map); outline: the explained region';
}

/** A method's map when it is finished, else null: exports never hold a running estimate. */
export function finishedMap(result: MethodResult) {
  return result.status === 'done' && result.map ? result.map : null;
}

/** Why a panel's picture cannot be saved yet, or null when it can. */
export function pngBlocker(result: MethodResult): string | null {
  if (finishedMap(result)) return null;
  switch (result.status) {
    case 'idle':
      return 'No map yet: click the image to explain a region';
    case 'running':
      return 'The map is still being computed';
    case 'error':
      return 'This method failed: there is no map to save';
    case 'cancelled':
      return 'Cancelled: there is no finished map to save';
    default:
      return 'There is no map to save';
  }
}

/** Why the report cannot be made yet, or null when it can. */
export function reportBlocker(view: ExportView): string | null {
  const shown = view.params.methods;
  if (shown.length === 0) return 'No method is on: pick one under Methods';
  if (!view.target) return 'No map yet: click the image to explain a region';
  const running = shown.filter((id) => view.results[id].status === 'running');
  if (running.length) return `Waiting for ${running.map((id) => anyMeta(id).title).join(', ')} to finish`;
  if (!shown.some((id) => finishedMap(view.results[id]))) return 'No finished map to export';
  return null;
}

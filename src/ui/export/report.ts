import { csvTable, type MetricValue } from '../../core/csv';
import { zipSync, type Zippable } from 'fflate';
import { usesLayer } from '../../core/method';
import { sufficiencyNotApplicable } from '../../core/readouts';
import { SMOOTHGRAD_SEED, SMOOTHGRAD_SIGMA, smoothCopies } from '../../core/smoothGrad';
import { anyMeta, type MethodId } from '../../methods/registry';
import { encodeNpy } from '../../render/npy';
import type { ShareLink } from '../../state/shareLink';
import { regionValues, SUFFICIENT_README, sufficientFile } from './regions';
import { finishedMap, type ExportView } from './view';

/**
 * The report of a view, assembled from plain data: float maps and the region mask as .npy, the parameters with the
 * share link, the metrics as JSON and CSV, and the panel pictures. Pure: the caller renders the PNGs and downloads.
 */

export const REPORT_FORMAT_VERSION = 1;

/** A metric's value, or a group of named values (flattened to "group.name" in CSV). */
export type { MetricValue } from '../../core/csv';
export { csvField } from '../../core/csv';
export type Metric = MetricValue | { [name: string]: MetricValue };

/** A curve of a method as the report writes it (deletion, insertion, sufficiency …): points (x, y), axes named. */
export interface ReportCurve {
  x: string;
  y: string;
  points: [number, number][];
}

export interface MethodMetrics {
  title: string;
  status: string;
  error: string | null;
  /** false when the raw map was zero everywhere; null without a map */
  positive: boolean | null;
  /** file of the float map in the zip, or null */
  map: string | null;
  /** one key per metric; later metrics are more keys */
  metrics: Record<string, Metric>;
  /** one key per curve; later curves are more keys */
  curves: Record<string, ReportCurve>;
}

export interface MetricsReport {
  format: 'segexplain-metrics';
  version: number;
  created: string;
  methods: Partial<Record<MethodId, MethodMetrics>>;
}

/** The number, string, boolean and null fields of a reading (nothing else travels into JSON and CSV). */
function plainValues(reading: object | null | undefined): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const [k, v] of Object.entries(reading ?? {})) {
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** The sufficiency reading's values; one that is n/a (core/readouts.ts) is null, with the reason beside it. */
function sufficiencyValues(r: ExportView['results'][MethodId]): Record<string, MetricValue> {
  const values = plainValues(r.sufficiency);
  if (!r.sufficiency) return values;
  const na = sufficiencyNotApplicable(r.sufficiency, r.map?.positive === false);
  if (na.dice) Object.assign(values, { dice: null, diceNotApplicable: na.dice.reason });
  if (na.confidence) Object.assign(values, { confidenceKept: null, confidenceKeptNotApplicable: na.confidence.reason });
  return values;
}

/** What the panels know today, per method on screen, in display order. */
export function metricsOf(
  view: ExportView,
  created: Date,
  extra: Partial<Record<MethodId, { metrics?: Record<string, Metric>; curves?: Record<string, ReportCurve> }>> = {},
): MetricsReport {
  const methods: Partial<Record<MethodId, MethodMetrics>> = {};
  for (const id of view.params.methods) {
    const r = view.results[id];
    const map = finishedMap(r);
    methods[id] = {
      title: anyMeta(id).title,
      status: r.status,
      error: r.error,
      positive: map ? map.positive : null,
      map: map ? mapFile(id) : null,
      metrics: {
        // every reading the panel holds (dice, retained, and any the engine adds), unknown ones as null
        sufficiency: {
          threshold: view.params.threshold,
          baseline: view.params.baseline,
          dice: null,
          retained: null,
          ...sufficiencyValues(r),
        },
        // the map's own metrics, where the results hold them, one key each
        ...plainValues((r as { metrics?: object | null }).metrics),
        // a job that may stop early (RISE): units used of the most, and the map's stability
        ...(r.extent ? { used: r.extent.used, usedOf: r.extent.total, stability: r.extent.stability } : {}),
        // a job that looks for regions (MiSuRe): each region's share of the image and the Dice it reaches
        ...(r.regions ? { regions: regionValues(r.regions) } : {}),
        // time to map (ms, wall clock on the machine that made the report) and what ran
        ...(r.runtime ? { runtimeMs: Math.round(r.runtime.ms), runtimeKind: r.runtime.kind } : {}),
        ...extra[id]?.metrics,
      },
      curves: { ...extra[id]?.curves },
    };
  }
  return { format: 'segexplain-metrics', version: REPORT_FORMAT_VERSION, created: created.toISOString(), methods };
}

/** metrics.csv: tidy, one row per method and metric value (groups flattened to "sufficiency.dice"). */
export function metricsCsv(report: MetricsReport): string {
  const rows: MetricValue[][] = [['method', 'title', 'status', 'metric', 'value']];
  for (const [id, m] of Object.entries(report.methods) as [MethodId, MethodMetrics][]) {
    for (const [name, metric] of Object.entries(m.metrics)) {
      if (metric !== null && typeof metric === 'object') {
        for (const [k, v] of Object.entries(metric)) rows.push([id, m.title, m.status, `${name}.${k}`, v]);
      } else {
        rows.push([id, m.title, m.status, name, metric]);
      }
    }
  }
  return csvTable(rows);
}

/** curves.csv: one row per point, or null when no method has a curve. */
export function curvesCsv(report: MetricsReport): string | null {
  const rows: MetricValue[][] = [['method', 'curve', 'x_name', 'y_name', 'x', 'y']];
  for (const [id, m] of Object.entries(report.methods) as [MethodId, MethodMetrics][]) {
    for (const [name, c] of Object.entries(m.curves))
      for (const [x, y] of c.points) rows.push([id, name, c.x, c.y, x, y]);
  }
  return rows.length > 1 ? csvTable(rows) : null;
}

const smoothOf = (n: number | undefined) =>
  smoothCopies(n) > 1 ? { copies: smoothCopies(n), sigmaOfRange: SMOOTHGRAD_SIGMA, seed: SMOOTHGRAD_SEED } : null;

/** params.json: the view as the link codec sees it, the link itself, and what the engine resolved. */
export function paramsOf(view: ExportView, link: ShareLink, created: Date) {
  const { params, model, target, image } = view;
  const layerName = params.layer ?? model?.defaultLayer ?? null;
  return {
    format: 'segexplain-params',
    version: REPORT_FORMAT_VERSION,
    created: created.toISOString(),
    shareLink: {
      url: link.url,
      reproducesView: link.missing.length === 0,
      ...(link.missing.length ? { cannotHold: link.missing } : {}),
    },
    params,
    resolved: {
      model: model
        ? {
            id: model.id,
            title: model.title,
            inputSize: model.inputSize,
            outputSize: model.outputSize,
            outputKind: model.outputKind,
          }
        : null,
      image: image ? { id: image.id, name: image.name, originalSize: image.originalSize } : null,
      backend: view.backend,
      layer: layerName
        ? {
            name: layerName,
            shape: target?.layerShape ?? model?.layers.find((l) => l.name === layerName)?.shape ?? null,
          }
        : null,
      // the gradient methods' SmoothGrad (docs/METHOD.md): null when off
      smoothGrad: smoothOf(params.smoothGrad),
      class: target ? { index: target.classIndex, name: model?.classes[target.classIndex]?.name ?? null } : null,
      target: target
        ? {
            regionPixels: target.regionPixels,
            removedByClass: target.removedByClass,
            score: target.score,
            maskSize: target.maskSize,
            mask: 'region_mask.npy',
            ring: target.ring ? 'region_ring.npy' : null,
          }
        : null,
      methods: Object.fromEntries(
        params.methods.map((id) => [
          id,
          { title: anyMeta(id).title, settings: params.settings[id], usesLayer: usesLayer(anyMeta(id).needs) },
        ]),
      ),
    },
  };
}

/** JSON with typed arrays (a brush mask) written as plain arrays. */
export function toJson(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Uint8Array) : v),
      2,
    ) + '\n'
  );
}

export const mapFile = (id: MethodId) => `maps/${id}.npy`;
export const pngFile = (id: MethodId) => `panels/${id}.png`;

export interface ReportInput {
  view: ExportView;
  link: ShareLink;
  created: Date;
  /** the panel pictures, by method */
  pngs: Partial<Record<MethodId, Uint8Array>>;
  /** metrics and curves beyond what the panels hold today, by method */
  extra?: Parameters<typeof metricsOf>[2];
}

function readme(view: ExportView, files: string[]): string {
  return [
    'SegExplain report',
    '',
    "maps/<method>.npy     the method's map: float32 [H, W] on the model's input grid, min-max normalised to [0, 1]",
    ...(view.params.methods.some((id) => view.results[id].regions) ? [SUFFICIENT_README] : []),
    "region_mask.npy       the explained region M: uint8 [h, w] (0/1) on the model's output grid",
    ...(view.target?.ring
      ? ['region_ring.npy       the outer ring of a border target (weighted -1): uint8 [h, w]']
      : []),
    'params.json           the view (the share link holds it too), and what was explained: model, layer, class, region',
    'metrics.json, .csv    per method: status and metrics (sufficiency: Dice and the share of the image retained)',
    'panels/<method>.png   each panel: the map over the image, its colour bar and parameters',
    '',
    'In Python: numpy.load("maps/xres.npy")',
    '',
    'Files:',
    ...files.map((f) => `  ${f}`),
    '',
  ].join('\n');
}

/** The report's files by path. */
export function reportFiles({ view, link, created, pngs, extra }: ReportInput): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const id of view.params.methods) {
    const map = finishedMap(view.results[id]);
    if (map) files[mapFile(id)] = encodeNpy(map.data, map.size);
    const found = map ? view.results[id].regions?.sufficient : undefined;
    if (found) files[sufficientFile(id)] = encodeNpy(found.mask, found.size);
  }
  if (view.target) {
    const [h, w] = view.target.maskSize;
    files['region_mask.npy'] = encodeNpy(view.target.mask, [h, w]);
    if (view.target.ring) files['region_ring.npy'] = encodeNpy(view.target.ring, [h, w]);
  }
  const metrics = metricsOf(view, created, extra);
  files['params.json'] = enc.encode(toJson(paramsOf(view, link, created)));
  files['metrics.json'] = enc.encode(toJson(metrics));
  files['metrics.csv'] = enc.encode(metricsCsv(metrics));
  const curves = curvesCsv(metrics);
  if (curves) files['curves.csv'] = enc.encode(curves);
  for (const id of view.params.methods) {
    const png = pngs[id];
    if (png) files[pngFile(id)] = png;
  }
  files['README.txt'] = enc.encode(readme(view, Object.keys(files).sort()));
  return files;
}

/** The files as one zip; PNGs are stored as they are (already compressed). */
export function zipReport(files: Record<string, Uint8Array>, created: Date): Uint8Array {
  const entries: Zippable = {};
  for (const [path, data] of Object.entries(files)) entries[path] = [data, { level: path.endsWith('.png') ? 0 : 6 }];
  return zipSync(entries, { mtime: created });
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'x';

/** segexplain-<model>-<image>-<yyyymmdd-hhmmss>.zip, in local time. */
export function reportFileName(view: ExportView, created: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${created.getFullYear()}${p(created.getMonth() + 1)}${p(created.getDate())}`;
  const date = `${day}-${p(created.getHours())}${p(created.getMinutes())}${p(created.getSeconds())}`;
  return `segexplain-${slug(view.params.model)}-${slug(view.params.image ?? view.image?.name ?? 'image')}-${date}.zip`;
}

/** A panel picture's file name: segexplain-<model>-<image>-<method>-<date>.png. */
export function pngFileName(view: ExportView, id: MethodId, created: Date): string {
  return reportFileName(view, created).replace(/-(\d{8}-\d{6})\.zip$/, `-${id}-$1.png`);
}

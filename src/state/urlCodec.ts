import { BACKENDS, BASELINE_KINDS, isOneOf, type BackendName } from '../core/kinds';
import type { SettingSpec, SettingValue } from '../core/settings';
import { anyMeta, isMethodId, METHOD_IDS, METHODS, type MethodId } from '../methods/registry';
import { defaultParams, LIMITS, type DiffPair, type ViewParams } from './params';
import { parsePlainNumber } from '../core/plainNumber';
import { decodeRegion, encodeRegion } from '../regions/codec';

/**
 * Share-link codec: ViewParams <-> URL query. Keys are short and stable; never rename or reuse one, bump
 * LINK_VERSION instead. Every key except the null-valued ones is written, so a link still means the same thing after
 * the defaults change.
 *
 * | key     | field          | format                                                              |
 * |---------|----------------|---------------------------------------------------------------------|
 * | v       | link version   | integer, always written first; missing = 1                          |
 * | model   | model          | one of the known model ids, or url                                  |
 * | mu      | modelUrl       | http(s) URL of a model.json; only with model=url                    |
 * | img     | image          | one of the known image ids; absent = the model's own sample         |
 * | region  | region         | see regions/codec.ts                                                |
 * | cls     | classIndex     | integer [0,255]; absent = null                                      |
 * | layer   | layer          | [A-Za-z0-9_./:-]{1,200}; absent = null                              |
 * | m       | methods        | method ids on screen, comma-separated; absent = the paper's three   |
 * | …       | method settings| one key per setting, named by its spec's `link` (methods/<id>/meta.ts)|
 * | thr     | threshold      | [0,1], 3 dp                                                         |
 * | base    | baseline       | mean|black|blur                                                     |
 * | backend | backend        | webgpu|webgl|wasm|cpu; absent (or auto) = automatic                        |
 * | diff    | diff           | A−B of the difference view, "a-b" method ids; absent = the default pair |
 * | sg      | smoothGrad     | SmoothGrad's noisy copies, integer [0,32]; absent, 0 or 1 = off (written only when on) |
 *
 * Today's setting keys: pool, win, edges (Seg-XRes-CAM); n, s, p, seed (RISE).
 * Decoding never throws: anything unusable falls back to the default (or null) with a warning.
 * Numbers are plain decimals only (no exponent, hex, Infinity), rounded, then clamped to their limits.
 * A repeated key uses its first value (URLSearchParams.get).
 */

export const LINK_VERSION = 1;
/** Values longer than this are ignored: nothing legitimate is that long, and it bounds the work. */
export const MAX_VALUE_LENGTH = 300;
const MAX_REGION_LENGTH = 8000;

interface NumberSpec {
  decimals: number;
  min: number;
  max: number;
}

/** A setting of a method, addressed by its link key. */
interface SettingKey {
  method: MethodId;
  name: string;
  spec: SettingSpec;
  label: string;
}

const SETTING_KEYS: readonly SettingKey[] = METHODS.flatMap((m) =>
  Object.entries(anyMeta(m.id).settings).map(([name, spec]) => ({
    method: m.id,
    name,
    spec,
    label: `${m.title} ${spec.label.replace(/\s*\(.*\)$/, '').toLowerCase()}`,
  })),
);

/** The view-wide keys, with the names warnings use for them. */
const LABELS: Record<string, string> = {
  v: 'Link version',
  model: 'Model',
  mu: 'Model URL',
  img: 'Image',
  region: 'Region',
  cls: 'Class index',
  layer: 'Layer',
  m: 'Methods',
  thr: 'Threshold',
  base: 'Baseline',
  backend: 'Backend',
  diff: 'Difference',
  sg: 'SmoothGrad copies',
  ...Object.fromEntries(SETTING_KEYS.map((k) => [k.spec.link, k.label])),
};

const GLOBAL_NUMBERS = {
  cls: { decimals: 0, ...LIMITS.classIndex },
  thr: { decimals: 3, ...LIMITS.threshold },
  sg: { decimals: 0, ...LIMITS.smoothGrad },
} as const satisfies Record<string, NumberSpec>;

const LAYER_NAME = /^[A-Za-z0-9_./:-]{1,200}$/;

type Warn = (message: string) => void;

function numberSpec(spec: SettingSpec): NumberSpec | null {
  if (spec.kind === 'int' || spec.kind === 'window') return { decimals: 0, min: spec.min, max: spec.max };
  if (spec.kind === 'decimal') return { decimals: spec.decimals, min: spec.min, max: spec.max };
  return null;
}

export function encodeParams(p: ViewParams): URLSearchParams {
  const query = new URLSearchParams();
  query.set('v', String(LINK_VERSION));
  query.set('model', p.model);
  if (p.modelUrl !== null) query.set('mu', p.modelUrl);
  if (p.image !== null) query.set('img', p.image);
  const region = p.region && p.image !== null ? encodeRegion(p.region) : null;
  if (region !== null) query.set('region', region);
  if (p.classIndex !== null) query.set('cls', encodeNumber(GLOBAL_NUMBERS.cls, p.classIndex));
  if (p.layer !== null) query.set('layer', p.layer);
  query.set('m', METHOD_IDS.filter((id) => p.methods.includes(id)).join(','));
  for (const k of SETTING_KEYS) {
    const value = (p.settings[k.method] as Record<string, SettingValue>)[k.name] as SettingValue;
    const num = numberSpec(k.spec);
    query.set(k.spec.link, num ? encodeNumber(num, value as number) : String(value));
  }
  query.set('thr', encodeNumber(GLOBAL_NUMBERS.thr, p.threshold));
  query.set('base', p.baseline);
  if (p.backend !== null) query.set('backend', p.backend);
  if (p.diff) query.set('diff', `${p.diff.a}-${p.diff.b}`);
  // Off is not written: a link made before SmoothGrad existed and one made with it off read the same.
  if ((p.smoothGrad ?? 0) > 1) query.set('sg', encodeNumber(GLOBAL_NUMBERS.sg, p.smoothGrad ?? 0));
  return query;
}

export function decodeParams(
  search: string | URLSearchParams,
  known: { models: readonly string[]; images: readonly string[] },
): { params: ViewParams; warnings: string[] } {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);

  const version = query.get('v');
  // A future format may reuse keys with other meanings: guessing would silently show the wrong thing.
  if (version !== null && version !== String(LINK_VERSION)) {
    return { params: defaultParams(), warnings: [`Unsupported link version ${show(version)}: opened the defaults.`] };
  }
  warnUnknownKeys(query, warn);

  const read = (key: string): string | null => readValue(query, key, warn);
  const number = (key: string, spec: NumberSpec, fallback: number): number => {
    const raw = read(key);
    return raw === null ? fallback : (decodeNumber(key, spec, raw, warn) ?? fallback);
  };
  const choice = <T extends string>(key: string, choices: readonly T[], fallback: T): T => {
    const raw = read(key);
    return raw === null ? fallback : decodeChoice(key, raw, choices, fallback, warn);
  };
  const optional = <T>(key: string, decode: (raw: string) => T | null): T | null => {
    const raw = read(key);
    return raw === null ? null : decode(raw);
  };

  const d = defaultParams();
  // Properties evaluate in order, so warnings come out in key order.
  const model = choice('model', [...known.models, 'url'], d.model);
  const modelUrl = optional('mu', (raw) => decodeModelUrl(raw, warn));
  const image = choice('img', known.images, d.image ?? '');
  const region = optional('region', (raw) => decodeRegion(raw, warn, show));
  const classIndex = optional('cls', (raw) => decodeNumber('cls', GLOBAL_NUMBERS.cls, raw, warn));
  const layer = optional('layer', (raw) => decodeLayer(raw, warn));
  const methods = optional('m', (raw) => decodeMethods(raw, warn)) ?? d.methods;
  const settings = d.settings;
  for (const k of SETTING_KEYS) {
    const target = settings[k.method] as Record<string, SettingValue>;
    // A link (it has a version) without a key that came later meant what the app did before the key existed.
    const older = query.has('v') && !query.has(k.spec.link) && k.spec.linkAbsent !== undefined;
    const fallback = older ? (k.spec.linkAbsent as SettingValue) : k.spec.default;
    const num = numberSpec(k.spec);
    if (num) target[k.name] = number(k.spec.link, num, fallback as number);
    else if (k.spec.kind === 'choice')
      target[k.name] = choice(
        k.spec.link,
        k.spec.options.map((o) => o.value),
        fallback as string,
      );
  }
  const params: ViewParams = {
    model,
    modelUrl,
    image,
    region,
    classIndex,
    layer,
    methods,
    settings,
    threshold: number('thr', GLOBAL_NUMBERS.thr, d.threshold),
    baseline: choice('base', BASELINE_KINDS, d.baseline),
    backend: optional('backend', (raw) => decodeBackend(raw, warn)),
  };
  const diff = optional('diff', (raw) => decodeDiff(raw, warn));
  if (diff) params.diff = diff;
  const smoothGrad = optional('sg', (raw) => decodeNumber('sg', GLOBAL_NUMBERS.sg, raw, warn));
  if (smoothGrad !== null && smoothGrad > 1) params.smoothGrad = smoothGrad;
  if ((params.model === 'url') !== (params.modelUrl !== null)) {
    if (params.model === 'url') warn('Model (model) url needs a valid model URL (mu): used the default model.');
    return { params: { ...params, model: params.model === 'url' ? d.model : params.model, modelUrl: null }, warnings };
  }
  return { params, warnings };
}

function decodeBackend(raw: string, warn: Warn): BackendName | null {
  const v = decodeChoice<BackendName | 'auto'>('backend', raw, [...BACKENDS, 'auto'], 'auto', warn);
  return v === 'auto' ? null : v;
}

function decodeDiff(raw: string, warn: Warn): DiffPair | null {
  const [a, b, ...rest] = raw.split('-');
  if (isMethodId(a) && isMethodId(b) && a !== b && rest.length === 0) return { a, b };
  warn(`Difference (diff) ${show(raw)} is not two different method ids as a-b: used the default pair.`);
  return null;
}

function decodeMethods(raw: string, warn: Warn): ViewParams['methods'] {
  const ids = raw.split(',').filter(Boolean);
  const unknown = ids.filter((id) => !isMethodId(id));
  if (unknown.length)
    warn(
      `Methods (m): ${unknown.map(show).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} ` +
        `not one of ${METHOD_IDS.join(', ')}: ignored.`,
    );
  return METHOD_IDS.filter((id) => ids.includes(id));
}

function decodeModelUrl(raw: string, warn: Warn): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // fall through to the warning
  }
  warn(`Model URL (mu) ${show(raw)} is not an http(s) address: ignored.`);
  return null;
}

function warnUnknownKeys(query: URLSearchParams, warn: Warn): void {
  for (const key of new Set(query.keys()))
    if (!Object.hasOwn(LABELS, key)) warn(`Ignored unknown link parameter: ${show(key)}`);
}

function readValue(query: URLSearchParams, key: string, warn: Warn): string | null {
  const raw = query.get(key);
  const max = key === 'region' ? MAX_REGION_LENGTH : MAX_VALUE_LENGTH;
  if (raw !== null && raw.length > max) {
    warn(`${LABELS[key]} (${key}) is longer than ${max} characters: ignored.`);
    return null;
  }
  return raw;
}

/** Echo user input in a warning: short, and quoted only when it holds anything unusual. */
function show(raw: string): string {
  const short = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return /^[\w.,:+-]+$/.test(short) ? short : JSON.stringify(short);
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function quantise(spec: NumberSpec, value: number): number {
  // Math.max(-0, 0) is +0, so a rounded -0 never leaks out.
  return Math.min(Math.max(roundTo(value, spec.decimals), spec.min), spec.max);
}

function encodeNumber(spec: NumberSpec, value: number): string {
  // Clamp on the way out too, so this codec never writes a link it would warn about.
  return String(quantise(spec, value));
}

function decodeNumber(key: string, spec: NumberSpec, raw: string, warn: Warn): number | null {
  const parsed = parsePlainNumber(raw);
  if (parsed === null) {
    warn(`${LABELS[key]} (${key}) ${show(raw)} is not a plain number: ignored.`);
    return null;
  }
  const value = quantise(spec, parsed);
  if (value !== roundTo(parsed, spec.decimals)) warn(`${LABELS[key]} (${key}) ${show(raw)} clamped to ${value}.`);
  return value;
}

function decodeChoice<T extends string>(key: string, raw: string, choices: readonly T[], fallback: T, warn: Warn): T {
  if (isOneOf(raw, choices)) return raw;
  warn(`${LABELS[key]} (${key}) ${show(raw)} is not one of ${choices.join(', ')}: used ${fallback}.`);
  return fallback;
}

function decodeLayer(raw: string, warn: Warn): string | null {
  if (LAYER_NAME.test(raw)) return raw;
  warn(`Layer (layer) ${show(raw)} is not a valid layer name: used the model's default layer.`);
  return null;
}

/** Every link key, for tests: view-wide and per setting; they must be unique. */
export const LINK_KEYS: readonly string[] = Object.keys(LABELS);
export const SETTING_LINK_KEYS: readonly string[] = SETTING_KEYS.map((k) => k.spec.link);

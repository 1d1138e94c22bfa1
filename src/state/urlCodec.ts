import { DEFAULT_PARAMS, LIMITS } from './params';
import type { BackendName, BaselineKind, EdgeMode, PoolType, RegionMode, RegionParam, ViewParams } from './params';

/**
 * Share-link codec: ViewParams <-> URL query. Keys are short and stable; never rename or reuse one,
 * bump LINK_VERSION instead. Every key except the null-valued ones is written, so a link still means
 * the same thing after DEFAULT_PARAMS changes.
 *
 * | key     | field                 | format                                                       |
 * |---------|-----------------------|--------------------------------------------------------------|
 * | v       | link version          | integer, always written first; missing = 1                   |
 * | model   | model                 | one of the known model ids, or url                           |
 * | mu      | modelUrl              | http(s) URL of a model.json; only with model=url             |
 * | img     | image                 | one of the known image ids                                   |
 * | region  | region                | mode:x,y  mode ∈ point|component|class, x,y ∈ [0,1], 4 dp   |
 * | cls     | classIndex            | integer [0,255]; absent = null                               |
 * | layer   | layer                 | [A-Za-z0-9_./:-]{1,200}; absent = null                       |
 * | pool    | pool                  | max|mean                                                     |
 * | win     | window                | integer [0,256]; 0 = the whole grid                          |
 * | edges   | edges                 | valid|reference                                              |
 * | thr     | threshold             | [0,1], 3 dp                                                  |
 * | n       | rise.count            | integer [1,8000]                                             |
 * | s       | rise.gridSize         | integer [2,32]                                               |
 * | p       | rise.keepProbability  | [0.05,0.95], 3 dp                                            |
 * | seed    | rise.seed             | integer [0,2^31-1]                                           |
 * | base    | rise.baseline         | mean|black|blur                                              |
 * | backend | backend               | webgl|wasm|cpu                                               |
 *
 * Decoding never throws: anything unusable falls back to the default (or null) with a warning.
 * Numbers are plain decimals only (no exponent, hex, Infinity), rounded, then clamped to LIMITS.
 * A repeated key uses its first value (URLSearchParams.get).
 */

export const LINK_VERSION = 1;
/** Values longer than this are ignored: nothing legitimate is that long, and it bounds the work. */
export const MAX_VALUE_LENGTH = 300;

/** Every key the codec knows, with the name warnings use for it. */
const LABELS = {
  v: 'Link version', model: 'Model', mu: 'Model URL', img: 'Image', region: 'Region', cls: 'Class index', layer: 'Layer',
  pool: 'Pool', win: 'Window', edges: 'Edges', thr: 'Threshold', n: 'RISE mask count', s: 'RISE grid size',
  p: 'RISE keep probability', seed: 'RISE seed', base: 'RISE baseline', backend: 'Backend',
} as const;
type LinkKey = keyof typeof LABELS;

const NUMBERS = {
  cls: { decimals: 0, ...LIMITS.classIndex },
  win: { decimals: 0, ...LIMITS.window },
  thr: { decimals: 3, ...LIMITS.threshold },
  n: { decimals: 0, ...LIMITS.riseCount },
  s: { decimals: 0, ...LIMITS.gridSize },
  p: { decimals: 3, ...LIMITS.keepProbability },
  seed: { decimals: 0, ...LIMITS.seed },
} as const;
type NumericKey = keyof typeof NUMBERS;

const POOLS: readonly PoolType[] = ['max', 'mean'];
const EDGES: readonly EdgeMode[] = ['valid', 'reference'];
const BASELINES: readonly BaselineKind[] = ['mean', 'black', 'blur'];
const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];
const REGION_MODES: readonly RegionMode[] = ['point', 'component', 'class'];
const REGION_DECIMALS = 4;
const toCoordinate = (v: number): number => clamp(roundTo(v, REGION_DECIMALS), 0, 1);

/** Plain decimal only: rejects exponents (1e999), hex (0x10), Infinity, NaN, '' and trailing garbage. */
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const LAYER_NAME = /^[A-Za-z0-9_./:-]{1,200}$/;

type Warn = (message: string) => void;

export function encodeParams(p: ViewParams): URLSearchParams {
  const query = new URLSearchParams();
  query.set('v', String(LINK_VERSION));
  query.set('model', p.model);
  if (p.modelUrl !== null) query.set('mu', p.modelUrl);
  query.set('img', p.image);
  if (p.region !== null) query.set('region', encodeRegion(p.region));
  if (p.classIndex !== null) query.set('cls', encodeNumber('cls', p.classIndex));
  if (p.layer !== null) query.set('layer', p.layer);
  query.set('pool', p.pool);
  query.set('win', encodeNumber('win', p.window));
  query.set('edges', p.edges);
  query.set('thr', encodeNumber('thr', p.threshold));
  query.set('n', encodeNumber('n', p.rise.count));
  query.set('s', encodeNumber('s', p.rise.gridSize));
  query.set('p', encodeNumber('p', p.rise.keepProbability));
  query.set('seed', encodeNumber('seed', p.rise.seed));
  query.set('base', p.rise.baseline);
  query.set('backend', p.backend);
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
    return { params: freshDefaults(), warnings: [`Unsupported link version ${show(version)}: opened the defaults.`] };
  }
  warnUnknownKeys(query, warn);

  const read = (key: LinkKey): string | null => readValue(query, key, warn);
  const number = (key: NumericKey, fallback: number): number => {
    const raw = read(key);
    return raw === null ? fallback : (decodeNumber(key, raw, warn) ?? fallback);
  };
  const choice = <T extends string>(key: LinkKey, choices: readonly T[], fallback: T): T => {
    const raw = read(key);
    return raw === null ? fallback : decodeChoice(key, raw, choices, fallback, warn);
  };
  const optional = <T>(key: LinkKey, decode: (raw: string) => T | null): T | null => {
    const raw = read(key);
    return raw === null ? null : decode(raw);
  };

  const d = DEFAULT_PARAMS;
  // Object literal properties evaluate in order, so warnings come out in key order.
  const params: ViewParams = {
    model: choice('model', [...known.models, 'url'], d.model),
    modelUrl: optional('mu', (raw) => decodeModelUrl(raw, warn)),
    image: choice('img', known.images, d.image),
    region: optional('region', (raw) => decodeRegion(raw, warn)),
    classIndex: optional('cls', (raw) => decodeNumber('cls', raw, warn)),
    layer: optional('layer', (raw) => decodeLayer(raw, warn)),
    pool: choice('pool', POOLS, d.pool),
    window: number('win', d.window),
    edges: choice('edges', EDGES, d.edges),
    threshold: number('thr', d.threshold),
    rise: {
      count: number('n', d.rise.count),
      gridSize: number('s', d.rise.gridSize),
      keepProbability: number('p', d.rise.keepProbability),
      seed: number('seed', d.rise.seed),
      baseline: choice('base', BASELINES, d.rise.baseline),
    },
    backend: choice('backend', BACKENDS, d.backend),
  };
  if ((params.model === 'url') !== (params.modelUrl !== null)) {
    if (params.model === 'url') warn('Model (model) url needs a valid model URL (mu): used the default model.');
    return { params: { ...params, model: params.model === 'url' ? d.model : params.model, modelUrl: null }, warnings };
  }
  return { params, warnings };
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

function freshDefaults(): ViewParams {
  // Copy so callers can mutate the result without touching the shared defaults.
  return { ...DEFAULT_PARAMS, rise: { ...DEFAULT_PARAMS.rise } };
}

function isLinkKey(key: string): key is LinkKey {
  return Object.hasOwn(LABELS, key);
}

function isOneOf<T extends string>(value: string, choices: readonly T[]): value is T {
  return (choices as readonly string[]).includes(value);
}

function warnUnknownKeys(query: URLSearchParams, warn: Warn): void {
  for (const key of new Set(query.keys())) if (!isLinkKey(key)) warn(`Ignored unknown link parameter: ${show(key)}`);
}

function readValue(query: URLSearchParams, key: LinkKey, warn: Warn): string | null {
  const raw = query.get(key);
  if (raw !== null && raw.length > MAX_VALUE_LENGTH) {
    warn(`${LABELS[key]} (${key}) is longer than ${MAX_VALUE_LENGTH} characters: ignored.`);
    return null;
  }
  return raw;
}

/** Echo user input in a warning: short, and quoted only when it holds anything unusual. */
function show(raw: string): string {
  const short = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return /^[\w.,:+-]+$/.test(short) ? short : JSON.stringify(short);
}

function parsePlainNumber(raw: string): number | null {
  if (!PLAIN_DECIMAL.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function clamp(value: number, min: number, max: number): number {
  // Math.max(-0, 0) is +0, so a rounded -0 never leaks out.
  return Math.min(Math.max(value, min), max);
}

function quantise(key: NumericKey, value: number): number {
  const spec = NUMBERS[key];
  return clamp(roundTo(value, spec.decimals), spec.min, spec.max);
}

function encodeNumber(key: NumericKey, value: number): string {
  // Clamp on the way out too, so this codec never writes a link it would warn about.
  return String(quantise(key, value));
}

function decodeNumber(key: NumericKey, raw: string, warn: Warn): number | null {
  const parsed = parsePlainNumber(raw);
  if (parsed === null) {
    warn(`${LABELS[key]} (${key}) ${show(raw)} is not a plain number: ignored.`);
    return null;
  }
  const value = quantise(key, parsed);
  if (value !== roundTo(parsed, NUMBERS[key].decimals)) warn(`${LABELS[key]} (${key}) ${show(raw)} clamped to ${value}.`);
  return value;
}

function decodeChoice<T extends string>(key: LinkKey, raw: string, choices: readonly T[], fallback: T, warn: Warn): T {
  if (isOneOf(raw, choices)) return raw;
  warn(`${LABELS[key]} (${key}) ${show(raw)} is not one of ${choices.join(', ')}: used ${fallback}.`);
  return fallback;
}

function decodeLayer(raw: string, warn: Warn): string | null {
  if (LAYER_NAME.test(raw)) return raw;
  warn(`Layer (layer) ${show(raw)} is not a valid layer name: used the model's default layer.`);
  return null;
}

function encodeRegion(region: RegionParam): string {
  // Fixed width keeps links visually uniform; the decoder accepts any plain decimal.
  const coordinate = (v: number) => toCoordinate(v).toFixed(REGION_DECIMALS);
  return `${region.mode}:${coordinate(region.x)},${coordinate(region.y)}`;
}

function decodeRegion(raw: string, warn: Warn): RegionParam | null {
  const colon = raw.indexOf(':');
  const mode = raw.slice(0, colon);
  const coordinates = raw.slice(colon + 1).split(',').map(parsePlainNumber);
  const [x, y] = coordinates;
  if (colon < 0 || coordinates.length !== 2 || x === null || x === undefined || y === null || y === undefined) {
    warn(`Region (region) ${show(raw)} is not mode:x,y with numeric x and y: ignored.`);
    return null;
  }
  if (!isOneOf(mode, REGION_MODES)) {
    warn(`Region (region) mode ${show(mode)} is not one of ${REGION_MODES.join(', ')}: ignored.`);
    return null;
  }
  const region = { mode, x: toCoordinate(x), y: toCoordinate(y) };
  if (region.x !== roundTo(x, REGION_DECIMALS) || region.y !== roundTo(y, REGION_DECIMALS)) {
    warn(`Region (region) ${show(raw)} clamped to ${region.x},${region.y}.`);
  }
  return region;
}

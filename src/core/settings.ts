/**
 * How a method declares its settings: one spec per setting gives its label, default, limits and share-link key. The
 * URL codec, the settings panels and the engine all read these specs; none restates them.
 */
interface SpecBase {
  label: string;
  /** share-link key; unique across the app, never renamed or reused */
  link: string;
  help: string;
  /** what a share link that predates this setting (no key) meant, when that is not the default */
  linkAbsent?: SettingValue;
}

export interface IntSpec extends SpecBase {
  kind: 'int';
  default: number;
  min: number;
  max: number;
  step: number;
}

export interface DecimalSpec extends SpecBase {
  kind: 'decimal';
  default: number;
  min: number;
  max: number;
  step: number;
  /** decimals kept in links */
  decimals: number;
}

export interface ChoiceSpec<V extends string = string> extends SpecBase {
  kind: 'choice';
  default: V;
  options: readonly { value: V; label: string }[];
}

/** A square pooling window on the layer grid, in cells; 0 = the whole grid. Its slider spans 1 … the grid. */
export interface WindowSpec extends SpecBase {
  kind: 'window';
  default: number;
  min: 0;
  max: number;
  /** what a window amounts to under the method's other settings, e.g. 'HiResCAM' (null: nothing to say) */
  equivalent?: (window: number, grid: readonly [number, number], settings: SettingRecord) => string | null;
}

export type SettingSpec = IntSpec | DecimalSpec | ChoiceSpec | WindowSpec;
export type SettingSpecs = Readonly<Record<string, SettingSpec>>;
export type SettingValue = number | string;
/** Any method's settings, as generic code hands them on: each method reads its own (typed by its meta). */
export type SettingRecord = Readonly<Record<string, SettingValue>>;

/** The value type a spec produces: the union of a choice's values, a number otherwise. */
export type ValueOf<S extends SettingSpec> = S extends ChoiceSpec<infer V> ? V : number;
export type SettingValues<S extends SettingSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export function defaultsOf<S extends SettingSpecs>(specs: S): SettingValues<S> {
  const out: Record<string, SettingValue> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = spec.default;
  return out as SettingValues<S>;
}

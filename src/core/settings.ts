/**
 * How a method declares its settings: one spec per setting gives its label, default, limits and share-link key. The
 * URL codec, the settings panels and the engine all read these specs; none restates them.
 */
interface SpecBase {
  label: string;
  /** share-link key; unique across the app, never renamed or reused */
  link: string;
  help: string;
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
}

export type SettingSpec = IntSpec | DecimalSpec | ChoiceSpec | WindowSpec;
export type SettingSpecs = Readonly<Record<string, SettingSpec>>;
export type SettingValue = number | string;

/** The value type a spec produces: the union of a choice's values, a number otherwise. */
export type ValueOf<S extends SettingSpec> = S extends ChoiceSpec<infer V> ? V : number;
export type SettingValues<S extends SettingSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export function defaultsOf<S extends SettingSpecs>(specs: S): SettingValues<S> {
  const out: Record<string, SettingValue> = {};
  for (const [key, spec] of Object.entries(specs)) out[key] = spec.default;
  return out as SettingValues<S>;
}

/** The window a setting asks for, on an h×w grid: 0 or anything ≥ the grid means the whole grid. */
export function effectiveWindow(window: number, grid: readonly [number, number]): [number, number] {
  const [h, w] = grid;
  return window <= 0 ? [h, w] : [Math.min(window, h), Math.min(window, w)];
}

/** True when a window silently means "the whole grid" though it was set to a size: it does not fit this layer. */
export function windowOverflows(window: number, grid: readonly [number, number]): boolean {
  return window > 0 && window >= Math.max(grid[0], grid[1]);
}

/** Window sides offered for a layer grid: every size from 1 below the grid, then 0 = the whole grid. */
export function windowOptions(gridSide: number): number[] {
  const opts: number[] = [];
  for (let p = 1; p < gridSide; p++) opts.push(p);
  opts.push(0);
  return opts;
}

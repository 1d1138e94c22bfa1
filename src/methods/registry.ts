import type { MethodMeta } from '../core/method';
import { defaultsOf, type SettingSpecs, type SettingValues } from '../core/settings';
import { method as gradcam } from './gradcam';
import { method as gradcampp } from './gradcampp';
import { method as layercam } from './layercam';
import { method as misure } from './misure';
import { method as rise } from './rise';
import { method as scorecam } from './scorecam';
import type { Combiner } from './types';
import { method as xres } from './xres';

/**
 * Every method the app offers, in display order: the only list. Adding a method: a folder (meta.ts, index.ts, and
 * combine.ts or job.ts) and one line here. The engine, the controller, the panels, the plots and the link codec all
 * read this list.
 */
const PLUGINS = [gradcam, xres, layercam, gradcampp, scorecam, rise, misure] as const;

type AnyMeta = (typeof PLUGINS)[number]['meta'];
export type MethodId = AnyMeta['id'];
export type MetaOf<Id extends MethodId> = Extract<AnyMeta, { id: Id }>;
/** The settings of every method, keyed by method id. */
export type MethodSettings = { [Id in MethodId]: SettingValues<MetaOf<Id>['settings']> };

export const METHODS: readonly AnyMeta[] = PLUGINS.map((p) => p.meta);
export const METHOD_IDS: readonly MethodId[] = METHODS.map((m) => m.id);
/** The paper's three methods. */
export const DEFAULT_METHODS: readonly MethodId[] = METHODS.filter((m) => m.shownByDefault).map((m) => m.id);

export function methodMeta<Id extends MethodId>(id: Id): MetaOf<Id> {
  return METHODS.find((m) => m.id === id) as MetaOf<Id>;
}

/** A method's metadata seen through the common interface (for code that loops over all methods). */
export function anyMeta(id: MethodId): MethodMeta<MethodId, SettingSpecs> {
  return methodMeta(id) as unknown as MethodMeta<MethodId, SettingSpecs>;
}

export function isMethodId(value: unknown): value is MethodId {
  return typeof value === 'string' && (METHOD_IDS as readonly string[]).includes(value);
}

export function defaultMethodSettings(): MethodSettings {
  return Object.fromEntries(METHODS.map((m) => [m.id, defaultsOf(m.settings)])) as MethodSettings;
}

/** The method whose map the others are compared with (role 'reference'), if one is registered. */
export const REFERENCE_METHOD: MethodId | null = METHODS.find((m) => m.role === 'reference')?.id ?? null;

/** A gradient method's plain-JS combine; undefined for a job (the engine runs its job.ts). */
export function combinerOf(id: MethodId): Combiner | undefined {
  const plugin = PLUGINS.find((p) => p.meta.id === id);
  const combine = plugin?.combine;
  return combine ? { combine } : undefined;
}
